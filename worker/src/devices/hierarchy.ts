/**
 * @module devices/hierarchy
 * The hierarchy Phonism builds from Webex (organization → domain, location → tenant): partner → customers →
 * locations → users and workspaces → devices, read from the synced tables. Every level pages with the shared
 * keyset cursor; the CSV is the same walk flattened, one row per device (or per owner without a device).
 */
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { type CustomerRow, customers } from "../customers/schema.ts";
import { inList } from "../db/in-list.ts";
import { keyset } from "../lib/listing.ts";
import type { Services } from "../lib/services.ts";
import {
  type SyncedTable,
  webexDevice,
  webexDeviceCallingDetails,
  webexLocation,
  webexPlace,
  webexUser,
} from "../sync/tables.ts";
import { sipCredentials } from "./schema.ts";

type Paging = { limit: number; cursor?: string | undefined };

const counts = (services: Services, table: SyncedTable, by: string, customerIds: string[], extra?: SQL) =>
  services.db.all<{ k: string | null; n: number }>(
    sql`SELECT ${sql.identifier(by)} AS k, count(*) AS n FROM ${table}
        WHERE ${inList(table.customerId, customerIds)} ${extra ? sql`AND ${extra}` : sql``}
        GROUP BY ${sql.identifier(by)}`,
  );

const tally = (rows: { k: string | null; n: number }[]) => new Map(rows.map((r) => [r.k, r.n]));

/** Level 1: the partner's customers (Phonism's domains), each with what it holds. */
export async function customersOf(services: Services, partnerId: string, q: Paging) {
  const k = keyset({
    columns: { name: customers.name },
    id: customers.id,
    sort: undefined,
    defaultSort: "name",
    cursor: q.cursor,
  });
  const rows = await services.db
    .select()
    .from(customers)
    .where(and(eq(customers.partnerId, partnerId), k.where))
    .orderBy(...k.orderBy)
    .limit(q.limit + 1)
    .all();
  const page = k.page(rows, q.limit);
  const ids = page.items.map((c) => c.id);
  const [locations, users, workspaces, devices, partnerManaged] = await Promise.all([
    counts(services, webexLocation, "customer_id", ids),
    counts(services, webexUser, "customer_id", ids),
    counts(services, webexPlace, "customer_id", ids),
    counts(services, webexDevice, "customer_id", ids),
    counts(services, webexDeviceCallingDetails, "customer_id", ids, sql`managed_by = 'PARTNER'`),
  ]).then((all) => all.map(tally));
  return {
    items: page.items.map((c) => ({
      id: c.id,
      name: c.name,
      orgId: c.orgId,
      locations: locations?.get(c.id) ?? 0,
      users: users?.get(c.id) ?? 0,
      workspaces: workspaces?.get(c.id) ?? 0,
      devices: devices?.get(c.id) ?? 0,
      partnerManagedDevices: partnerManaged?.get(c.id) ?? 0,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Level 2: a customer's locations (Phonism's tenants), each with its users, workspaces and devices counted. */
export async function locationsOf(services: Services, customer: CustomerRow, q: Paging) {
  const k = keyset({
    columns: { name: webexLocation.label },
    id: webexLocation.id,
    sort: undefined,
    defaultSort: "name",
    cursor: q.cursor,
  });
  const rows = await services.db
    .select({ id: webexLocation.id, name: webexLocation.label })
    .from(webexLocation)
    .where(and(eq(webexLocation.customerId, customer.id), k.where))
    .orderBy(...k.orderBy)
    .limit(q.limit + 1)
    .all();
  const page = k.page(rows, q.limit);
  const ids = [customer.id];
  const [users, workspaces, devices, partnerManaged] = await Promise.all([
    counts(services, webexUser, "location_id", ids),
    counts(services, webexPlace, "location_id", ids),
    counts(services, webexDevice, "location_id", ids),
    counts(services, webexDeviceCallingDetails, "location_id", ids, sql`managed_by = 'PARTNER'`),
  ]).then((all) => all.map(tally));
  const node = (l: { id: string; name: string | null }, key: string | null) => ({
    ...l,
    users: users?.get(key) ?? 0,
    workspaces: workspaces?.get(key) ?? 0,
    devices: devices?.get(key) ?? 0,
    partnerManagedDevices: partnerManaged?.get(key) ?? 0,
  });
  const items = page.items.map((l) => node(l, l.id));
  // Users and workspaces without a location (no calling, or not placed yet) get a node of their own, last.
  const unplaced = node({ id: NO_LOCATION, name: "(no location)" }, null);
  if (!page.nextCursor && unplaced.users + unplaced.workspaces > 0) items.push(unplaced);
  return { items, nextCursor: page.nextCursor };
}

/** The location id that stands for "no location" in the hierarchy. */
export const NO_LOCATION = "none";

/** Users and workspaces as one list: `type`, id, name, email, location. */
function owners(customerId: string, locationId?: string) {
  const at = (alias: "u" | "p") =>
    locationId === undefined
      ? sql``
      : locationId === NO_LOCATION
        ? sql`AND ${sql.raw(alias)}.location_id IS NULL`
        : sql`AND ${sql.raw(alias)}.location_id = ${locationId}`;
  return sql`SELECT 'user' AS type, u.id AS id, COALESCE(u.display_name, u.label) AS name, u.email AS email, u.location_id AS location_id
      FROM ${webexUser} u WHERE u.customer_id = ${customerId} ${at("u")}
    UNION ALL
    SELECT 'workspace', p.id, p.label, NULL, p.location_id
      FROM ${webexPlace} p WHERE p.customer_id = ${customerId} ${at("p")}`;
}

type DeviceRow = {
  ownerId: string;
  id: string;
  name: string | null;
  product: string | null;
  mac: string | null;
  managedBy: string | null;
  connectionStatus: string | null;
  sipUserName: string | null;
  linePort: string | null;
  activationState: string | null;
  /** When wxsync last set the device's SIP password (null: wxsync holds none). */
  sipPasswordRotatedAt: string | null;
};

/** The devices of these owners, with their calling details where the devices sync read them. */
async function devicesOf(services: Services, customerId: string, ownerIds: string[]) {
  if (ownerIds.length === 0) return new Map<string, DeviceRow[]>();
  const rows = await services.db.all<DeviceRow>(
    sql`SELECT COALESCE(d.person_id, d.workspace_id) AS ownerId, d.id AS id, d.label AS name, d.product AS product,
          d.mac AS mac, d.managed_by AS managedBy, d.connection_status AS connectionStatus,
          c.sip_user_name AS sipUserName, c.line_port AS linePort, c.activation_state AS activationState,
          s.rotated_at AS sipPasswordRotatedAt
        FROM ${webexDevice} d
        LEFT JOIN ${webexDeviceCallingDetails} c ON c.customer_id = d.customer_id AND c.id = d.id
        LEFT JOIN ${sipCredentials} s ON s.customer_id = d.customer_id AND s.device_id = d.id
        WHERE d.customer_id = ${customerId}
          AND (${inList(sql`d.person_id`, ownerIds)} OR ${inList(sql`d.workspace_id`, ownerIds)})
        ORDER BY d.label, d.id`,
  );
  const byOwner = new Map<string, DeviceRow[]>();
  for (const row of rows) byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row]);
  return byOwner;
}

/** Level 3 and 4: the users and workspaces of a location, each with its devices. */
export async function membersOf(services: Services, customer: CustomerRow, locationId: string, q: Paging) {
  const name = sql.raw("x.name");
  const key = sql.raw("x.member_key");
  const k = keyset({
    columns: { name },
    id: key,
    idField: "member_key",
    sort: undefined,
    defaultSort: "name",
    cursor: q.cursor,
  });
  const rows = await services.db.all<{
    member_key: string;
    type: "user" | "workspace";
    id: string;
    name: string | null;
    email: string | null;
  }>(
    sql`SELECT * FROM (
          SELECT m.type || ':' || m.id AS member_key, m.type AS type, m.id AS id, m.name AS name, m.email AS email
          FROM (${owners(customer.id, locationId)}) m
        ) x
        ${k.where ? sql`WHERE ${k.where}` : sql``}
        ORDER BY ${sql.join(k.orderBy, sql`, `)} LIMIT ${q.limit + 1}`,
  );
  const page = k.page(rows, q.limit);
  const devices = await devicesOf(
    services,
    customer.id,
    page.items.map((m) => m.id),
  );
  return {
    items: page.items.map(({ member_key: _key, ...m }) => ({
      ...m,
      devices: (devices.get(m.id) ?? []).map(({ ownerId: _owner, ...d }) => d),
    })),
    nextCursor: page.nextCursor,
  };
}

export type HierarchyRow = {
  path: string;
  locationId: string | null;
  locationName: string | null;
  ownerType: "user" | "workspace";
  ownerId: string;
  ownerName: string | null;
  ownerEmail: string | null;
} & Partial<Omit<DeviceRow, "ownerId" | "id" | "name">> & {
    deviceId: string | null;
    deviceName: string | null;
  };

/** The flattened walk of one customer, a page at a time: one row per device, or per owner without one. */
export async function hierarchyPage(services: Services, customerId: string, q: Paging) {
  const path = sql.raw("h.path");
  const k = keyset({
    columns: { path },
    id: path,
    idField: "path",
    sort: undefined,
    defaultSort: "path",
    cursor: q.cursor,
  });
  // Users and workspaces each joined to their devices on the owner's own column, so both joins use an index.
  const withDevices = (type: "user" | "workspace") => {
    const [owner, column, name, email] =
      type === "user"
        ? [webexUser, "person_id", sql`COALESCE(o.display_name, o.label)`, sql`o.email`]
        : [webexPlace, "workspace_id", sql`o.label`, sql`NULL`];
    return sql`SELECT ${type} AS owner_type, o.id AS owner_id, ${name} AS owner_name, ${email} AS owner_email,
          o.location_id AS location_id, d.id AS device_id, d.label AS device_name, d.product AS product, d.mac AS mac,
          d.managed_by AS managed_by, d.connection_status AS connection_status
        FROM ${owner} o
        LEFT JOIN ${webexDevice} d ON d.customer_id = o.customer_id AND d.${sql.raw(column)} = o.id
        WHERE o.customer_id = ${customerId}`;
  };
  const rows = await services.db.all<HierarchyRow>(
    sql`SELECT * FROM (
          SELECT COALESCE(l.label, '') || char(1) || w.owner_type || char(1) || COALESCE(w.owner_name, '') || char(1) || w.owner_id || char(1) || COALESCE(w.device_id, '') AS path,
            w.location_id AS locationId, l.label AS locationName, w.owner_type AS ownerType, w.owner_id AS ownerId,
            w.owner_name AS ownerName, w.owner_email AS ownerEmail, w.device_id AS deviceId, w.device_name AS deviceName,
            w.product AS product, w.mac AS mac, w.managed_by AS managedBy, w.connection_status AS connectionStatus,
            c.sip_user_name AS sipUserName, c.line_port AS linePort, c.activation_state AS activationState,
            s.rotated_at AS sipPasswordRotatedAt
          FROM (${withDevices("user")} UNION ALL ${withDevices("workspace")}) w
          LEFT JOIN ${sipCredentials} s ON s.customer_id = ${customerId} AND s.device_id = w.device_id
          LEFT JOIN ${webexLocation} l ON l.customer_id = ${customerId} AND l.id = w.location_id
          LEFT JOIN ${webexDeviceCallingDetails} c ON c.customer_id = ${customerId} AND c.id = w.device_id
        ) h
        ${k.where ? sql`WHERE ${k.where}` : sql``}
        ORDER BY ${asc(path)} LIMIT ${q.limit + 1}`,
  );
  return k.page(rows, q.limit);
}
