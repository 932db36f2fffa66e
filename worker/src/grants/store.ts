/**
 * @module grants/store
 * Saving and reading a customer's or partner's Webex tokens through the vault.
 */
import type { TokenResponse } from "@wxsync/core/webex";
import { and, eq } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import { type GrantOwnerType, type GrantRow, webexGrants } from "./schema.ts";

export type GrantOwner = { ownerType: GrantOwnerType; ownerId: string };

/** The vault context binds each ciphertext to its owner and field. */
export const sealContext = (owner: GrantOwner, field: "access_token" | "refresh_token" | "client_secret") =>
  `${owner.ownerType}:${owner.ownerId}:${field}`;

export async function findGrant(services: Services, owner: GrantOwner): Promise<GrantRow | undefined> {
  return services.db
    .select()
    .from(webexGrants)
    .where(and(eq(webexGrants.ownerType, owner.ownerType), eq(webexGrants.ownerId, owner.ownerId)))
    .get();
}

export type GrantMeta = {
  kind: "integration" | "service_app";
  authorizedOrgId?: string | null;
  authorizedBy?: string | null;
  serviceApp?: { applicationId: string; clientId: string; clientSecret: string };
};

/** Token columns for a token answer: sealed secrets and absolute expiry times. */
export async function sealedTokenColumns(
  services: Services,
  owner: GrantOwner,
  tokens: TokenResponse,
  now: Date,
) {
  return {
    accessTokenEnc: await services.vault.encrypt(tokens.access_token, sealContext(owner, "access_token")),
    refreshTokenEnc: await services.vault.encrypt(tokens.refresh_token, sealContext(owner, "refresh_token")),
    accessIssuedAt: now.toISOString(),
    accessExpiresAt: new Date(now.getTime() + tokens.expires_in * 1000).toISOString(),
    refreshExpiresAt: new Date(now.getTime() + tokens.refresh_token_expires_in * 1000).toISOString(),
    scopes: tokens.scope ?? null,
  };
}

/** Creates or replaces the owner's grant (a reconnect replaces the old tokens and clears a revocation). */
export async function saveGrant(
  services: Services,
  owner: GrantOwner,
  tokens: TokenResponse,
  meta: GrantMeta,
) {
  const now = services.now();
  const columns = {
    ...(await sealedTokenColumns(services, owner, tokens, now)),
    kind: meta.kind,
    authorizedOrgId: meta.authorizedOrgId ?? null,
    authorizedBy: meta.authorizedBy ?? null,
    serviceAppId: meta.serviceApp?.applicationId ?? null,
    serviceAppClientId: meta.serviceApp?.clientId ?? null,
    serviceAppClientSecretEnc: meta.serviceApp
      ? await services.vault.encrypt(meta.serviceApp.clientSecret, sealContext(owner, "client_secret"))
      : null,
    lastRefreshAt: null,
    lastRefreshOutcome: null,
    lastRefreshMessage: null,
    revokedAt: null,
    refreshLockUntil: null,
    updatedAt: now.toISOString(),
  };
  await services.db
    .insert(webexGrants)
    .values({ id: crypto.randomUUID(), ...owner, ...columns, createdAt: now.toISOString() })
    .onConflictDoUpdate({ target: [webexGrants.ownerType, webexGrants.ownerId], set: columns });
}

export function openAccessToken(services: Services, grant: GrantRow): Promise<string> {
  return services.vault.decrypt(grant.accessTokenEnc, sealContext(grant, "access_token"));
}
