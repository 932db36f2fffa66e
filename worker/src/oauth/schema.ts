import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Outstanding "Connect to Webex" requests: each state is single-use and expires after 10 minutes. */
export const oauthStates = sqliteTable("oauth_states", {
  id: text("id").primaryKey(),
  ownerType: text("owner_type", { enum: ["customer", "partner"] }).notNull(),
  ownerId: text("owner_id").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
});
