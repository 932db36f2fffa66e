import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Small facts about the installation itself (last cron run, ...), one row per key. */
export const systemState = sqliteTable("system_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: text("updated_at").notNull(),
});
