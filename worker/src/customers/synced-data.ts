/**
 * @module customers/synced-data
 * The statements that remove a customer's synced Webex data. Each synced table registers here, so deleting
 * a customer can never leave data behind when a model is added.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Services } from "../lib/services.ts";

export type SyncedDataDelete = (services: Services, customerId: string) => BatchItem<"sqlite">;

const deletes: SyncedDataDelete[] = [];

export function registerSyncedData(remove: SyncedDataDelete) {
  deletes.push(remove);
}

export function syncedDataDeletes(services: Services, customerId: string): BatchItem<"sqlite">[] {
  return deletes.map((remove) => remove(services, customerId));
}
