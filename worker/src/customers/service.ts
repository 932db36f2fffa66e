/**
 * @module customers/service
 * Creating and deleting customers with everything VOSS creates and deletes with a Customer Access record:
 * the default data syncs (SyncSpark<Name>, SyncSparkUsers<Name>) and the schedule SyncSpark-SCHED-<Name>, plus
 * the partner-managed devices sync (SyncSparkDevices<Name>) on its own daily schedule, as Phonism runs it.
 * Nothing here ever calls Webex: deleting a customer in wxsync leaves its Webex organization untouched.
 */
import { DEVICE_SYNC_MODELS, SPARK_DATA_ALL_MTL } from "@wxsync/core/models";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { dataSyncs, schedules } from "../data-syncs/schema.ts";
import { sipCredentials, sipRotationItems, sipRotationJobs } from "../devices/schema.ts";
import { webexGrants } from "../grants/schema.ts";
import { findGrant } from "../grants/store.ts";
import type { UniqueConflicts } from "../lib/conflict.ts";
import type { Services } from "../lib/services.ts";
import { notifications } from "../notifications/schema.ts";
import { oauthStates } from "../oauth/schema.ts";
import { syncChanges, syncRuns } from "../sync/schema.ts";
import { SYNCED_TABLES } from "../sync/tables.ts";
import { type CustomerRow, customers } from "./schema.ts";

export const DAILY_MINUTES = 24 * 60;

/** VOSS names embed the customer name; spaces are dropped so the names stay single words. */
export function compactName(name: string): string {
  return name.replace(/\s+/g, "");
}

export function defaultSyncNames(customerName: string) {
  const compact = compactName(customerName);
  return {
    all: `SyncSpark${compact}`,
    users: `SyncSparkUsers${compact}`,
    schedule: `SyncSpark-SCHED-${compact}`,
    devices: `SyncSparkDevices${compact}`,
    devicesSchedule: `SyncSparkDevices-SCHED-${compact}`,
  };
}

export type NewCustomer = Omit<CustomerRow, "id" | "createdAt" | "updatedAt">;

const nameTaken = {
  field: "body.name",
  what: "name",
  taken: "another customer already has this name (or the same name without spaces).",
};
const orgTaken = {
  field: "body.organizationId",
  what: "organization",
  taken: "this Webex organization is already a customer.",
};
/** What a customer's own UNIQUE columns, and its default data syncs' and schedules' names, clash with. */
export const CUSTOMER_CONFLICTS: UniqueConflicts = {
  "customers.name": nameTaken,
  "data_syncs.name": nameTaken,
  "schedules.name": nameTaken,
  "customers.org_id": orgTaken,
  "customers.org_uuid": orgTaken,
};

/**
 * Why the customer's organization may no longer change (R5), or null. Tokens, an adoption, runs, synced rows and
 * SIP passwords all belong to the org they came from; moving them under another org id would mix two tenants.
 */
export async function orgHeldBecause(services: Services, customer: CustomerRow): Promise<string | null> {
  if (customer.partnerId) return "it was adopted from its partner";
  if (await findGrant(services, { ownerType: "customer", ownerId: customer.id }))
    return "it is connected to Webex";
  // One bound parameter whatever the number of tables (D1 allows 100 a statement).
  const tables = [syncRuns, sipCredentials, ...Object.values(SYNCED_TABLES)];
  const held = await services.db.get<{ held: number }>(
    sql`WITH me(id) AS (SELECT ${customer.id}) SELECT (${sql.join(
      tables.map((t) => sql`EXISTS (SELECT 1 FROM ${t} WHERE ${t.customerId} = (SELECT id FROM me))`),
      sql` OR `,
    )}) AS held`,
  );
  return held?.held ? "it has sync runs or synced data" : null;
}

export async function createCustomer(services: Services, input: NewCustomer): Promise<CustomerRow> {
  const now = services.now();
  const stamp = now.toISOString();
  const row: CustomerRow = { id: crypto.randomUUID(), ...input, createdAt: stamp, updatedAt: stamp };
  const names = defaultSyncNames(input.name);
  const allSyncId = crypto.randomUUID();
  const devicesSyncId = crypto.randomUUID();
  const common = {
    customerId: row.id,
    quickImport: false,
    refreshExisting: true,
    allowAdd: true,
    allowUpdate: true,
    allowRemove: true,
    createdAt: stamp,
    updatedAt: stamp,
  };
  await services.db.batch([
    services.db.insert(customers).values(row),
    services.db.insert(dataSyncs).values([
      { id: allSyncId, name: names.all, modelTypeList: SPARK_DATA_ALL_MTL, models: null, ...common },
      {
        id: crypto.randomUUID(),
        name: names.users,
        modelTypeList: SPARK_DATA_ALL_MTL,
        models: ["User"],
        ...common,
      },
      {
        id: devicesSyncId,
        name: names.devices,
        modelTypeList: SPARK_DATA_ALL_MTL,
        models: [...DEVICE_SYNC_MODELS],
        ...common,
      },
    ]),
    services.db.insert(schedules).values(
      [
        { id: allSyncId, name: names.schedule },
        { id: devicesSyncId, name: names.devicesSchedule },
      ].map((s) => ({
        id: crypto.randomUUID(),
        customerId: row.id,
        dataSyncId: s.id,
        name: s.name,
        intervalMinutes: DAILY_MINUTES,
        cron: null,
        enabled: true,
        nextRunAt: new Date(now.getTime() + DAILY_MINUTES * 60_000).toISOString(),
        lastRunAt: null,
        createdAt: stamp,
        updatedAt: stamp,
      })),
    ),
  ]);
  return row;
}

/** Renames the default data syncs and schedule along with the customer. */
export function renameDefaultsStatements(
  services: Services,
  customerId: string,
  oldName: string,
  newName: string,
): BatchItem<"sqlite">[] {
  const before = defaultSyncNames(oldName);
  const after = defaultSyncNames(newName);
  const rename = (table: typeof dataSyncs | typeof schedules, key: keyof typeof before) =>
    services.db
      .update(table)
      .set({ name: after[key] })
      .where(and(eq(table.customerId, customerId), eq(table.name, before[key])));
  return [
    rename(dataSyncs, "all"),
    rename(dataSyncs, "users"),
    rename(dataSyncs, "devices"),
    rename(schedules, "schedule"),
    rename(schedules, "devicesSchedule"),
  ];
}

/** Deletes the customer and everything wxsync holds for it, atomically. */
export async function deleteCustomer(services: Services, customerId: string) {
  const owner = and(eq(webexGrants.ownerType, "customer"), eq(webexGrants.ownerId, customerId));
  await services.db.batch([
    services.db.delete(schedules).where(eq(schedules.customerId, customerId)),
    services.db.delete(dataSyncs).where(eq(dataSyncs.customerId, customerId)),
    services.db.delete(webexGrants).where(owner),
    services.db
      .delete(oauthStates)
      .where(and(eq(oauthStates.ownerType, "customer"), eq(oauthStates.ownerId, customerId))),
    services.db
      .delete(notifications)
      .where(and(eq(notifications.ownerType, "customer"), eq(notifications.ownerId, customerId))),
    ...Object.values(SYNCED_TABLES).map((table) =>
      services.db.delete(table).where(eq(table.customerId, customerId)),
    ),
    services.db.delete(syncChanges).where(eq(syncChanges.customerId, customerId)),
    // SIP passwords are deleted here only: the devices at Webex keep the password they have.
    services.db.delete(sipCredentials).where(eq(sipCredentials.customerId, customerId)),
    services.db
      .delete(sipRotationItems)
      .where(
        inArray(
          sipRotationItems.jobId,
          services.db
            .select({ id: sipRotationJobs.id })
            .from(sipRotationJobs)
            .where(eq(sipRotationJobs.customerId, customerId)),
        ),
      ),
    services.db.delete(sipRotationJobs).where(eq(sipRotationJobs.customerId, customerId)),
    services.db.delete(syncRuns).where(eq(syncRuns.customerId, customerId)),
    services.db.delete(customers).where(eq(customers.id, customerId)),
  ]);
}
