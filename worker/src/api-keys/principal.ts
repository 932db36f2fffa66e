import type { ApiKeyRole } from "@wxsync/core/api-keys";

/** Who is calling: the API key that authenticated the request, without anything secret. */
export type ApiPrincipal = {
  keyId: string;
  name: string;
  role: ApiKeyRole;
  /** Customer ids the key may see, or "all". */
  scope: "all" | string[];
  /** The key's own requests-per-minute limit; null means RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute?: number | null;
};

const rank: Record<ApiKeyRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function roleAllows(role: ApiKeyRole, needed: ApiKeyRole): boolean {
  return rank[role] >= rank[needed];
}
