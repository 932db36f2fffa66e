/**
 * @module grants/health
 * Token health as an administrator sees it: expiry times, days left on the refresh token, and one status.
 * Derived from the stored grant and the clock, never stored, so it can't go stale.
 */
import type { GrantRow } from "./schema.ts";

export const TOKEN_STATUSES = [
  "not_connected",
  "ok",
  "refresh_due",
  "expiring",
  "expired",
  "revoked",
  "error",
] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

const DAY_MS = 86_400_000;
/** VOSS refreshes access tokens every 7 days. */
export const REFRESH_AFTER_MS = 7 * DAY_MS;
/** ... or when less than a day of the access token is left. */
export const REFRESH_BEFORE_EXPIRY_MS = DAY_MS;
/** Warn when the refresh token has fewer days left than this. */
export const EXPIRY_WARNING_DAYS = 14;

export type TokenHealth = {
  status: TokenStatus;
  kind: "integration" | "service_app" | null;
  via: "own" | "partner" | null;
  accessTokenExpiresAt: string | null;
  refreshTokenExpiresAt: string | null;
  refreshTokenDaysLeft: number | null;
  lastRefresh: { at: string | null; outcome: "ok" | "failed" | "revoked" | null; message: string | null };
};

export function isRefreshDue(
  grant: Pick<GrantRow, "accessIssuedAt" | "accessExpiresAt">,
  now: Date,
): boolean {
  const age = now.getTime() - Date.parse(grant.accessIssuedAt);
  const left = Date.parse(grant.accessExpiresAt) - now.getTime();
  return age >= REFRESH_AFTER_MS || left <= REFRESH_BEFORE_EXPIRY_MS;
}

export function tokenHealth(
  grant: GrantRow | null | undefined,
  now: Date,
  via: "own" | "partner" = "own",
): TokenHealth {
  if (!grant) {
    return {
      status: "not_connected",
      kind: null,
      via: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      refreshTokenDaysLeft: null,
      lastRefresh: { at: null, outcome: null, message: null },
    };
  }
  const refreshLeftMs = Date.parse(grant.refreshExpiresAt) - now.getTime();
  const daysLeft = Math.max(0, Math.floor(refreshLeftMs / DAY_MS));
  const accessExpired = Date.parse(grant.accessExpiresAt) <= now.getTime();
  let status: TokenStatus;
  if (grant.revokedAt || grant.lastRefreshOutcome === "revoked") status = "revoked";
  else if (refreshLeftMs <= 0) status = "expired";
  else if (grant.lastRefreshOutcome === "failed") status = accessExpired ? "expired" : "error";
  else if (daysLeft < EXPIRY_WARNING_DAYS) status = "expiring";
  else if (isRefreshDue(grant, now)) status = "refresh_due";
  else status = "ok";
  return {
    status,
    kind: grant.kind,
    via,
    accessTokenExpiresAt: grant.accessExpiresAt,
    refreshTokenExpiresAt: grant.refreshExpiresAt,
    refreshTokenDaysLeft: daysLeft,
    lastRefresh: {
      at: grant.lastRefreshAt,
      outcome: grant.lastRefreshOutcome,
      message: grant.lastRefreshMessage,
    },
  };
}
