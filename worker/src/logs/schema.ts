import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const LOG_LEVELS = ["info", "warn", "error"] as const;
/** What an entry is about: a sync run, an administrator's action, a token event, or an error Webex returned. */
export const LOG_KINDS = ["sync", "action", "token", "webex_error"] as const;

/** Everything wxsync did and every error Webex answered, kept LOG_RETENTION_DAYS and pruned by the cron. */
export const logs = sqliteTable(
  "logs",
  {
    // An increasing integer: the natural order of events and a cheap cursor.
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    level: text("level", { enum: LOG_LEVELS }).notNull(),
    kind: text("kind", { enum: LOG_KINDS }).notNull(),
    message: text("message").notNull(),
    customerId: text("customer_id"),
    partnerId: text("partner_id"),
    model: text("model"),
    deviceId: text("device_id"),
    /** Upper-case hex without separators, so any way of writing a MAC finds it. */
    mac: text("mac"),
    runId: text("run_id"),
    transactionId: text("transaction_id"),
    /** HTTP status of the Webex answer, and Webex's own error code when its body had one. */
    webexStatus: integer("webex_status"),
    webexErrorCode: text("webex_error_code"),
    webexTrackingId: text("webex_tracking_id"),
  },
  (t) => [
    index("logs_at_idx").on(t.at),
    index("logs_customer_idx").on(t.customerId, t.id),
    index("logs_tracking_idx").on(t.webexTrackingId),
  ],
);

export type LogRow = typeof logs.$inferSelect;
export type LogEntry = Omit<typeof logs.$inferInsert, "id" | "at"> & { at?: string };
