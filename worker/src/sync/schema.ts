import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const RUN_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "completed_with_errors",
  "failed",
  "awaiting_approval",
] as const;
export const RUN_TRIGGERS = ["manual", "sync_users", "schedule", "connect"] as const;

/** One sync run: its durable state (the engine's checkpoint) and a summary for lists. */
export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    dataSyncId: text("data_sync_id"),
    dataSyncName: text("data_sync_name"),
    trigger: text("trigger", { enum: RUN_TRIGGERS }).notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    /** The engine's RunState as JSON: where to resume, and every per-model counter. */
    state: text("state").notNull(),
    progress: integer("progress").notNull(),
    /** Bumped by every saved chunk: a runner whose chunk started from an older checkpoint was superseded. */
    checkpoint: integer("checkpoint").notNull().default(0),
    requests: integer("requests").notNull(),
    throttled: integer("throttled").notNull(),
    transactionId: text("transaction_id"),
    error: text("error"),
    createdAt: text("created_at").notNull(),
    startedAt: text("started_at"),
    endedAt: text("ended_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("sync_runs_customer_idx").on(t.customerId, t.createdAt),
    // One active run per customer, enforced by the database itself.
    uniqueIndex("sync_runs_one_active_idx").on(t.customerId).where(sql`status IN ('queued', 'running')`),
  ],
);

/** The ids a run's listings returned: removal only ever touches stored rows missing from a complete listing. */
export const syncSeen = sqliteTable(
  "sync_seen",
  { runId: text("run_id").notNull(), model: text("model").notNull(), itemId: text("item_id").notNull() },
  (t) => [primaryKey({ columns: [t.runId, t.model, t.itemId] })],
);

/** What a run changed, field by field; one row per (run, model, item), so a repeated page records it once. */
export const syncChanges = sqliteTable(
  "sync_changes",
  {
    runId: text("run_id").notNull(),
    customerId: text("customer_id").notNull(),
    model: text("model").notNull(),
    itemId: text("item_id").notNull(),
    label: text("label"),
    kind: text("kind", { enum: ["added", "updated", "removed"] }).notNull(),
    fields: text("fields").notNull(),
    at: text("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.model, t.itemId] }),
    index("sync_changes_customer_idx").on(t.customerId, t.model, t.at),
  ],
);

export type SyncRunRow = typeof syncRuns.$inferSelect;
