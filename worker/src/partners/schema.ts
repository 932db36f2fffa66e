import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A Webex partner organization whose administrator's token reaches many customer orgs. */
export const partners = sqliteTable("partners", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  orgId: text("org_id").notNull().unique(),
  /** Lower case, unique: one org is one partner, however its id is spelled. */
  orgUuid: text("org_uuid").notNull().unique(),
  adminEmail: text("admin_email"),
  notes: text("notes"),
  /** When `partner_orgs` was last replaced from Webex; null: never read. */
  orgsReadAt: text("orgs_read_at"),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export type PartnerRow = typeof partners.$inferSelect;

/**
 * The customer organizations a partner manages, as last read from Webex (`GET /organizations` with its token),
 * replaced wholesale at every read. The partner's token is used with a customer's `orgId` only if it is here.
 */
export const partnerOrgs = sqliteTable(
  "partner_orgs",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    orgUuid: text("org_uuid").notNull(),
    displayName: text("display_name"),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.orgUuid] })],
);
