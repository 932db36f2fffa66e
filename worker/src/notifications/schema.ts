import { sqliteTable, text } from "drizzle-orm/sqlite-core";

export const NOTIFICATION_KINDS = ["refresh_token_expiring", "refresh_failed", "grant_revoked"] as const;

/** Warnings an administrator must act on. `conditionKey` makes each condition raise one notification, once. */
export const notifications = sqliteTable("notifications", {
  id: text("id").primaryKey(),
  ownerType: text("owner_type", { enum: ["customer", "partner"] }).notNull(),
  ownerId: text("owner_id").notNull(),
  kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
  conditionKey: text("condition_key").notNull().unique(),
  message: text("message").notNull(),
  createdAt: text("created_at").notNull(),
  webhookStatus: text("webhook_status", { enum: ["not_configured", "sent", "failed"] }).notNull(),
});

export type NotificationRow = typeof notifications.$inferSelect;
