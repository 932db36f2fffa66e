import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const GRANT_OWNERS = ["customer", "partner"] as const;
export type GrantOwnerType = (typeof GRANT_OWNERS)[number];

/**
 * Webex tokens of one customer or partner: an integration's (OAuth) or a Service App's. Secrets are vault
 * ciphertexts bound to the owner and field; everything else is plain so health can be shown without decrypting.
 */
export const webexGrants = sqliteTable(
  "webex_grants",
  {
    id: text("id").primaryKey(),
    ownerType: text("owner_type", { enum: GRANT_OWNERS }).notNull(),
    ownerId: text("owner_id").notNull(),
    kind: text("kind", { enum: ["integration", "service_app"] }).notNull(),
    accessTokenEnc: text("access_token_enc").notNull(),
    refreshTokenEnc: text("refresh_token_enc").notNull(),
    /** When the current access token was issued; VOSS refreshes at 7 days of age. */
    accessIssuedAt: text("access_issued_at").notNull(),
    accessExpiresAt: text("access_expires_at").notNull(),
    refreshExpiresAt: text("refresh_expires_at").notNull(),
    scopes: text("scopes"),
    authorizedOrgId: text("authorized_org_id"),
    authorizedBy: text("authorized_by"),
    serviceAppId: text("service_app_id"),
    serviceAppClientId: text("service_app_client_id"),
    serviceAppClientSecretEnc: text("service_app_client_secret_enc"),
    lastRefreshAt: text("last_refresh_at"),
    lastRefreshOutcome: text("last_refresh_outcome", { enum: ["ok", "failed", "revoked"] }),
    lastRefreshMessage: text("last_refresh_message"),
    revokedAt: text("revoked_at"),
    /** A refresh in progress holds this until the given time, so two racing refreshes never both run. */
    refreshLockUntil: integer("refresh_lock_until"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("webex_grants_owner_idx").on(t.ownerType, t.ownerId)],
);

export type GrantRow = typeof webexGrants.$inferSelect;
