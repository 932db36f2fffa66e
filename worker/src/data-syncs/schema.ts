import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { customers } from "../customers/schema.ts";

/** A data sync: which models to sync for a customer, and how (VOSS's Data Sync). */
export const dataSyncs = sqliteTable(
  "data_syncs",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    name: text("name").notNull().unique(),
    /** SparkDataAllMTL or a user-defined list's name. */
    modelTypeList: text("model_type_list").notNull(),
    /** Explicit models for built-in syncs that are not "every model" (e.g. users only); null = the list's models. */
    models: text("models", { mode: "json" }).$type<string[] | null>(),
    quickImport: integer("quick_import", { mode: "boolean" }).notNull(),
    refreshExisting: integer("refresh_existing", { mode: "boolean" }).notNull(),
    allowAdd: integer("allow_add", { mode: "boolean" }).notNull(),
    allowUpdate: integer("allow_update", { mode: "boolean" }).notNull(),
    allowRemove: integer("allow_remove", { mode: "boolean" }).notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("data_syncs_customer_idx").on(t.customerId)],
);

/** When a data sync runs by itself: an interval or a cron expression, checked by the Worker's cron trigger. */
export const schedules = sqliteTable(
  "schedules",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    dataSyncId: text("data_sync_id")
      .notNull()
      .references(() => dataSyncs.id, { onDelete: "cascade" }),
    name: text("name").notNull().unique(),
    intervalMinutes: integer("interval_minutes"),
    cron: text("cron"),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    nextRunAt: text("next_run_at"),
    lastRunAt: text("last_run_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("schedules_next_idx").on(t.enabled, t.nextRunAt)],
);

export type DataSyncRow = typeof dataSyncs.$inferSelect;
export type ScheduleRow = typeof schedules.$inferSelect;

/** User-defined model type lists (SparkDataAllMTL is built in and not stored). */
export const modelTypeLists = sqliteTable("model_type_lists", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  include: text("include", { mode: "json" }).$type<string[]>().notNull(),
  exclude: text("exclude", { mode: "json" }).$type<string[]>().notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export type ModelTypeListRow = typeof modelTypeLists.$inferSelect;
