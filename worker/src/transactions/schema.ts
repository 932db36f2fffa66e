import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const TRANSACTION_TYPES = ["token_retrieval", "token_refresh", "sync", "action"] as const;
export const TRANSACTION_STATUSES = ["running", "succeeded", "failed"] as const;

/** VOSS's transaction log: every token retrieval, refresh, sync and action, with progress and outcome. */
export const transactions = sqliteTable(
  "transactions",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id"),
    partnerId: text("partner_id"),
    type: text("type", { enum: TRANSACTION_TYPES }).notNull(),
    status: text("status", { enum: TRANSACTION_STATUSES }).notNull(),
    /** 0-100. */
    progress: integer("progress").notNull(),
    description: text("description").notNull(),
    message: text("message"),
    webexTrackingId: text("webex_tracking_id"),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [
    index("transactions_customer_idx").on(t.customerId, t.startedAt),
    index("transactions_started_idx").on(t.startedAt),
  ],
);

export type TransactionRow = typeof transactions.$inferSelect;
