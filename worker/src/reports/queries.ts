/**
 * @module reports/queries
 * The reports administrators ask for beyond raw tables, computed in D1 from the synced rows: licence
 * usage, unassigned numbers per location, devices offline or unseen, users missing a calling licence or
 * a device. Row-level reports page with the shared keyset cursor; the licence report is one short page.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import { keyset } from "../lib/listing.ts";
import type { Services } from "../lib/services.ts";
import {
  modelColumn as col,
  webexDevice,
  webexLicense,
  webexLocation,
  webexNumber,
  webexUser,
} from "../sync/tables.ts";

type Paging = { sort?: string; limit: number; cursor?: string };
const page = (q: Paging) => ({ sort: q.sort, cursor: q.cursor });
const DAY_MS = 86_400_000;

export async function licenceUsage(services: Services, customerId: string) {
  // Users holding each licence, counted from the synced users' own licence lists.
  const held = await services.db.all<{ id: string; n: number }>(
    sql`SELECT j.value AS id, count(*) AS n FROM ${webexUser} u, json_each(u.payload, '$.licenses') j
        WHERE u.customer_id = ${customerId} GROUP BY j.value`,
  );
  const heldBy = new Map(held.map((h) => [h.id, h.n]));
  const rows = await services.db
    .select({
      id: webexLicense.id,
      label: webexLicense.label,
      totalUnits: col(webexLicense, "totalUnits"),
      consumedUnits: col(webexLicense, "consumedUnits"),
      consumedByUsers: col(webexLicense, "consumedByUsers"),
      consumedByWorkspaces: col(webexLicense, "consumedByWorkspaces"),
    })
    .from(webexLicense)
    .where(eq(webexLicense.customerId, customerId))
    .orderBy(webexLicense.label)
    .all();
  return rows.map((r) => {
    const total = typeof r.totalUnits === "number" ? r.totalUnits : null;
    const consumed = typeof r.consumedUnits === "number" ? r.consumedUnits : null;
    return {
      id: r.id,
      name: r.label,
      total,
      consumed,
      consumedByUsers: typeof r.consumedByUsers === "number" ? r.consumedByUsers : null,
      consumedByWorkspaces: typeof r.consumedByWorkspaces === "number" ? r.consumedByWorkspaces : null,
      free: total !== null && consumed !== null ? total - consumed : null,
      syncedUsersHolding: heldBy.get(r.id) ?? 0,
    };
  });
}

export async function unassignedNumbers(services: Services, customerId: string, q: Paging) {
  const k = keyset({
    columns: { name: webexLocation.label },
    id: webexLocation.id,
    ...page(q),
    defaultSort: "name",
  });
  const free = sql`n.customer_id = ${customerId} AND n.location_id = ${webexLocation.id} AND n.owner_id IS NULL`;
  const rows = await services.db
    .select({
      id: webexLocation.id,
      name: webexLocation.label,
      totalNumbers: sql<number>`(SELECT count(*) FROM ${webexNumber} n WHERE n.customer_id = ${customerId} AND n.location_id = ${webexLocation.id})`,
      unassigned: sql<number>`(SELECT count(*) FROM ${webexNumber} n WHERE ${free})`,
      numbers: sql<
        string | null
      >`(SELECT group_concat(n.label, '; ') FROM (SELECT n.label FROM ${webexNumber} n WHERE ${free} ORDER BY n.label) n)`,
    })
    .from(webexLocation)
    .where(and(eq(webexLocation.customerId, customerId), k.where))
    .orderBy(...k.orderBy)
    .limit(q.limit + 1)
    .all();
  const cut = k.page(rows, q.limit);
  return {
    items: cut.items.map(({ id, name, totalNumbers, unassigned, numbers }) => ({
      locationId: id,
      location: name,
      totalNumbers,
      unassigned,
      numbers: numbers ? numbers.split("; ") : [],
    })),
    nextCursor: cut.nextCursor,
  };
}

/** Connection states in which a device is working (REFERENCE: connected, connected_with_issues, activating). */
const ONLINE = ["connected", "connected_with_issues", "activating"];

export async function staleDevices(services: Services, customerId: string, q: Paging & { days: number }) {
  const since = new Date(services.now().getTime() - q.days * DAY_MS).toISOString();
  const k = keyset({
    columns: { name: webexDevice.label, lastSeen: col(webexDevice, "lastSeen") },
    id: webexDevice.id,
    ...page(q),
    defaultSort: "name",
  });
  const offline: SQL = sql`(${col(webexDevice, "connectionStatus")} IS NULL OR ${col(webexDevice, "connectionStatus")} NOT IN (SELECT value FROM json_each(${JSON.stringify(ONLINE)})))`;
  const unseen: SQL = sql`(${col(webexDevice, "lastSeen")} IS NULL OR ${col(webexDevice, "lastSeen")} < ${since})`;
  const rows = await services.db
    .select({
      id: webexDevice.id,
      name: webexDevice.label,
      product: col<string | null>(webexDevice, "product"),
      mac: col<string | null>(webexDevice, "mac"),
      connectionStatus: col<string | null>(webexDevice, "connectionStatus"),
      lastSeen: col<string | null>(webexDevice, "lastSeen"),
      ownerEmail: col<string | null>(webexDevice, "ownerEmail"),
      personId: col<string | null>(webexDevice, "personId"),
      workspaceId: col<string | null>(webexDevice, "workspaceId"),
      locationId: col<string | null>(webexDevice, "locationId"),
      location: sql<
        string | null
      >`(SELECT l.label FROM ${webexLocation} l WHERE l.customer_id = ${customerId} AND l.id = ${col(webexDevice, "locationId")})`,
      offline: sql<number>`${offline}`,
    })
    .from(webexDevice)
    .where(and(eq(webexDevice.customerId, customerId), sql`(${offline} OR ${unseen})`, k.where))
    .orderBy(...k.orderBy)
    .limit(q.limit + 1)
    .all();
  const now = services.now().getTime();
  const cut = k.page(rows, q.limit);
  return {
    items: cut.items.map(({ offline: isOffline, lastSeen, ...r }) => {
      const seen = typeof lastSeen === "string" ? Date.parse(lastSeen) : Number.NaN;
      const daysSinceSeen = Number.isNaN(seen) ? null : Math.floor((now - seen) / DAY_MS);
      return {
        ...r,
        lastSeen: typeof lastSeen === "string" ? lastSeen : null,
        daysSinceSeen,
        reasons: [
          ...(isOffline ? [`status ${r.connectionStatus ?? "unknown"}`] : []),
          ...(daysSinceSeen === null
            ? ["never seen"]
            : daysSinceSeen >= q.days
              ? [`not seen for ${daysSinceSeen} days`]
              : []),
        ],
      };
    }),
    nextCursor: cut.nextCursor,
  };
}

export async function usersMissing(
  services: Services,
  customerId: string,
  q: Paging & { missing: "calling-licence" | "device" | "either" },
) {
  const k = keyset({
    columns: { email: webexUser.label },
    id: webexUser.id,
    ...page(q),
    defaultSort: "email",
  });
  const devices = sql<number>`(SELECT count(*) FROM ${webexDevice} d WHERE d.customer_id = ${customerId} AND d.person_id = ${webexUser.id})`;
  const unlicensed = sql`(${col(webexUser, "callingLicensed")} IS NULL OR ${col(webexUser, "callingLicensed")} = 0)`;
  const deviceless = sql`${devices} = 0`;
  const filter =
    q.missing === "calling-licence"
      ? unlicensed
      : q.missing === "device"
        ? deviceless
        : sql`(${unlicensed} OR ${deviceless})`;
  const rows = await services.db
    .select({
      id: webexUser.id,
      email: webexUser.label,
      displayName: col(webexUser, "displayName"),
      locationId: col(webexUser, "locationId"),
      location: sql<
        string | null
      >`(SELECT l.label FROM ${webexLocation} l WHERE l.customer_id = ${customerId} AND l.id = ${col(webexUser, "locationId")})`,
      callingLicensed: col(webexUser, "callingLicensed"),
      devices,
    })
    .from(webexUser)
    .where(and(eq(webexUser.customerId, customerId), filter, k.where))
    .orderBy(...k.orderBy)
    .limit(q.limit + 1)
    .all();
  const cut = k.page(rows, q.limit);
  return {
    items: cut.items.map((r) => {
      const licensed = r.callingLicensed === true || r.callingLicensed === 1;
      return {
        id: r.id,
        email: r.email,
        displayName: typeof r.displayName === "string" ? r.displayName : null,
        locationId: typeof r.locationId === "string" ? r.locationId : null,
        location: r.location,
        callingLicensed: licensed,
        devices: r.devices,
        missing: [
          ...(licensed ? [] : (["calling licence"] as const)),
          ...(r.devices > 0 ? [] : (["device"] as const)),
        ],
      };
    }),
    nextCursor: cut.nextCursor,
  };
}
