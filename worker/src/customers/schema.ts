import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { partners } from "../partners/schema.ts";

export const DEFAULT_CALLING_BEHAVIOURS = [
  "Calling in Webex App",
  "Calling in Webex App (Unified CM)",
  "Cisco Jabber app",
  "Third-Party app",
] as const;

/** A customer's Webex organization: VOSS's Customer Access record (relation/SparkCustomer). */
export const customers = sqliteTable(
  "customers",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull().unique(),
    /** The API's base64 organization id, canonical (`ciscospark://us/ORGANIZATION/<uuid>`, no padding). */
    orgId: text("org_id").notNull().unique(),
    /** The UUID Control Hub shows on its Account page, lower case: one org is one customer, however spelled. */
    orgUuid: text("org_uuid").notNull().unique(),
    adminEmail: text("admin_email"),
    defaultCallingBehaviour: text("default_calling_behaviour", { enum: DEFAULT_CALLING_BEHAVIOURS }),
    emailDomain: text("email_domain"),
    dirsyncEnabled: integer("dirsync_enabled", { mode: "boolean" }).notNull(),
    notes: text("notes"),
    syncOnCreate: integer("sync_on_create", { mode: "boolean" }).notNull(),
    /** Set when the customer is reached through its partner's token (with `orgId`). */
    partnerId: text("partner_id").references(() => partners.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("customers_partner_idx").on(t.partnerId)],
);

export type CustomerRow = typeof customers.$inferSelect;
