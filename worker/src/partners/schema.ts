import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A Webex partner organization whose administrator's token reaches many customer orgs. */
export const partners = sqliteTable("partners", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  orgId: text("org_id").notNull().unique(),
  orgUuid: text("org_uuid").notNull(),
  adminEmail: text("admin_email"),
  notes: text("notes"),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export type PartnerRow = typeof partners.$inferSelect;
