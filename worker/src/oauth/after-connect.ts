/**
 * @module oauth/after-connect
 * What happens once tokens are stored. For a customer with "sync on create", VOSS syncs roles and licences in
 * the same transaction: wxsync starts a run of its SyncSpark<Name> data sync limited to those two models.
 */
import { and, eq } from "drizzle-orm";
import { customers } from "../customers/schema.ts";
import { defaultSyncNames } from "../customers/service.ts";
import { dataSyncs } from "../data-syncs/schema.ts";
import type { GrantOwner } from "../grants/store.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { startRun } from "../sync/runs.ts";

/** Returns a sentence for the transaction and the result page. */
export async function afterConnect(services: Services, owner: GrantOwner): Promise<string> {
  if (owner.ownerType !== "customer") return "";
  const customer = await services.db.select().from(customers).where(eq(customers.id, owner.ownerId)).get();
  if (!customer?.syncOnCreate) return "";
  return syncRolesAndLicences(services, customer.id);
}

export async function syncRolesAndLicences(services: Services, customerId: string): Promise<string> {
  const customer = await services.db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!customer) return "";
  const dataSync = await services.db
    .select()
    .from(dataSyncs)
    .where(
      and(eq(dataSyncs.customerId, customer.id), eq(dataSyncs.name, defaultSyncNames(customer.name).all)),
    )
    .get();
  if (!dataSync) return "";
  try {
    const { runId } = await startRun(services, {
      customer,
      dataSync,
      trigger: "connect",
      only: ["Organization", "Role", "License"],
    });
    return `Roles and licences are being synced (run ${runId}).`;
  } catch (error) {
    if (error instanceof ApiError) return `Roles and licences were not synced: ${error.message}`;
    throw error;
  }
}
