/**
 * @module data-syncs/view
 * A data sync as the API shows it: its row, the models it runs (resolved from its model type list), and which of
 * the syncs made with the customer it is.
 */
import { z } from "@hono/zod-openapi";
import { SPARK_DATA_SYNC_ORDER_NAME } from "@wxsync/core/models";
import type { CustomerRow } from "../customers/schema.ts";
import { defaultSyncNames } from "../customers/service.ts";
import type { Services } from "../lib/services.ts";
import { modelsOf } from "../sync/runs.ts";
import type { DataSyncRow } from "./schema.ts";

export const DataSyncSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    name: z.string(),
    modelTypeList: z.string(),
    models: z.array(z.string()).openapi({ description: "The models this sync runs, in SparkDataSyncOrder." }),
    syncOrder: z.literal(SPARK_DATA_SYNC_ORDER_NAME),
    builtIn: z.enum(["all", "users", "devices"]).nullable().openapi({
      description:
        "Which of the syncs made with the customer this is: `all` (SyncSpark<Name>), `users` (SyncSparkUsers<Name>), `devices` (SyncSparkDevices<Name>, partner-managed device details); null for one made later.",
    }),
    quickImport: z.boolean(),
    refreshExisting: z.boolean(),
    allowAdd: z.boolean(),
    allowUpdate: z.boolean(),
    allowRemove: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("DataSync");

export async function view(services: Services, row: DataSyncRow, customer: CustomerRow) {
  const names = defaultSyncNames(customer.name);
  const builtIn =
    row.name === names.all
      ? "all"
      : row.name === names.users
        ? "users"
        : row.name === names.devices
          ? "devices"
          : null;
  return {
    ...row,
    models: await modelsOf(services, row),
    syncOrder: SPARK_DATA_SYNC_ORDER_NAME,
    builtIn,
  } as z.infer<typeof DataSyncSchema>;
}
