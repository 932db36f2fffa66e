import { apiKeyRoles } from "@wxsync/core/api-keys";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** API keys. Only the SHA-256 of a key is stored; the key itself is shown once, at creation. */
export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  role: text("role", { enum: apiKeyRoles }).notNull(),
  /** JSON array of customer ids this key may see, or null for every customer. */
  customerScope: text("customer_scope", { mode: "json" }).$type<string[] | null>(),
  /** Requests per minute for this key; null uses the worker's RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: integer("rate_limit_per_minute"),
  keyHash: text("key_hash").notNull().unique(),
  keyHint: text("key_hint").notNull(),
  createdAt: text("created_at").notNull(),
  lastUsedAt: text("last_used_at"),
  revokedAt: text("revoked_at"),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;
