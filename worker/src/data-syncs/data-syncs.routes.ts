/**
 * @module data-syncs/routes
 * Data syncs (which models, and how), the two ways VOSS starts a sync, and model type lists.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { SPARK_DATA_ALL_MTL, SPARK_DATA_SYNC_ORDER } from "@wxsync/core/models";
import { and, eq } from "drizzle-orm";
import { defaultSyncNames } from "../customers/service.ts";
import { loadCustomer, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { conflictFrom, type UniqueConflicts } from "../lib/conflict.ts";
import { ApiError } from "../lib/errors.ts";
import { pagedRows, pageSchema, pagingShape } from "../lib/listing.ts";
import { bearerSecurity, errorResponses, refusalDoc } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { startRun } from "../sync/runs.ts";
import { type DataSyncRow, dataSyncs, modelTypeLists } from "./schema.ts";
import { DataSyncSchema, view } from "./view.ts";

const tags = ["Data syncs"];
const ModelEnum = z.enum(SPARK_DATA_SYNC_ORDER);

const DataSyncInput = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(120, "must be at most 120 characters")
      .regex(/^[\w.-]+$/, "may contain letters, digits, _ . and -"),
    modelTypeList: z.string().min(1).default(SPARK_DATA_ALL_MTL),
    models: z
      .array(ModelEnum)
      .min(1, "must list at least one model")
      .optional()
      .openapi({ description: "Narrow the list to these models." }),
    quickImport: z.boolean().default(false),
    refreshExisting: z.boolean().default(true),
    allowAdd: z.boolean().default(true),
    allowUpdate: z.boolean().default(true),
    allowRemove: z.boolean().default(true),
  })
  .openapi("DataSyncCreate");

const DataSyncPatch = DataSyncInput.partial().openapi("DataSyncPatch");
const SyncParams = z.object({
  id: IdParam.shape.id,
  syncId: z
    .uuid({ error: "must be a data sync id (a UUID)" })
    .openapi({ param: { name: "syncId", in: "path" } }),
});
const RunStarted = z
  .object({ runId: z.string(), status: z.literal("queued"), links: z.object({ run: z.string() }) })
  .openapi("RunStarted");
const conflict = {
  409: refusalDoc(
    "A sync of this customer is already running (the message names it), or it is not connected",
  ),
};
const notFound = {
  404: refusalDoc("No such customer or data sync (or the customer is not in the API key's scope)"),
};
const nameTaken = {
  409: refusalDoc(
    "Another data sync has this name (to a key scoped to some customers: not available, naming no one)",
  ),
};
/** Data sync names are unique across every customer, so a clash may be with a customer outside the key's scope. */
const syncNameTaken = (name: string): UniqueConflicts => ({
  "data_syncs.name": { field: "body.name", what: "name", taken: `a data sync named ${name} exists already.` },
});

async function loadSync(services: Services, customerId: string, syncId: string) {
  const row = await services.db
    .select()
    .from(dataSyncs)
    .where(and(eq(dataSyncs.id, syncId), eq(dataSyncs.customerId, customerId)))
    .get();
  if (!row) throw new ApiError("NOT_FOUND", `No data sync with id ${syncId} for this customer.`);
  return row;
}

async function checkList(services: Services, name: string) {
  if (name === SPARK_DATA_ALL_MTL) return;
  const list = await services.db.select().from(modelTypeLists).where(eq(modelTypeLists.name, name)).get();
  if (!list) throw new ApiError("BAD_REQUEST", `body.modelTypeList: no model type list named ${name}.`);
}

const started = (customerId: string, runId: string) => ({
  runId,
  status: "queued" as const,
  links: { run: `/api/v1/customers/${customerId}/runs/${runId}` },
});

const routes = {
  list: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/data-syncs",
    tags,
    summary: "The customer's data syncs",
    security: bearerSecurity,
    request: { params: IdParam, query: z.object(pagingShape(["name"], "name")) },
    responses: {
      200: { description: "Data syncs", content: jsonContent(pageSchema(DataSyncSchema)) },
      ...errorResponses,
      ...notFound,
    },
  }),
  create: createRoute({
    method: "post",
    path: "/api/v1/customers/{id}/data-syncs",
    tags,
    summary: "Add a data sync",
    security: bearerSecurity,
    middleware: [requireRole("admin")] as const,
    request: { params: IdParam, body: jsonBody(DataSyncInput) },
    responses: {
      201: { description: "Created", content: jsonContent(DataSyncSchema) },
      ...errorResponses,
      ...notFound,
      ...nameTaken,
    },
  }),
  patch: createRoute({
    method: "patch",
    path: "/api/v1/customers/{id}/data-syncs/{syncId}",
    tags,
    summary: "Change a data sync (Quick Import, Refresh Existing, add/update/remove)",
    security: bearerSecurity,
    middleware: [requireRole("admin")] as const,
    request: { params: SyncParams, body: jsonBody(DataSyncPatch) },
    responses: {
      200: { description: "Updated", content: jsonContent(DataSyncSchema) },
      ...errorResponses,
      ...notFound,
      ...nameTaken,
    },
  }),
  remove: createRoute({
    method: "delete",
    path: "/api/v1/customers/{id}/data-syncs/{syncId}",
    tags,
    summary: "Delete a data sync (and its schedules)",
    security: bearerSecurity,
    middleware: [requireRole("admin")] as const,
    request: { params: SyncParams },
    responses: { 204: { description: "Deleted" }, ...errorResponses, ...notFound },
  }),
  run: createRoute({
    method: "post",
    path: "/api/v1/customers/{id}/data-syncs/{syncId}/run",
    tags,
    summary: "Run a data sync now (VOSS: execute SyncSpark<Customer>)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: SyncParams },
    responses: {
      202: { description: "Started", content: jsonContent(RunStarted) },
      ...errorResponses,
      ...notFound,
      ...conflict,
    },
  }),
  syncUsers: createRoute({
    method: "post",
    path: "/api/v1/customers/{id}/actions/sync-users",
    tags,
    summary: "Sync Webex App Users (runs SyncSparkUsers<Customer>)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: IdParam },
    responses: {
      202: { description: "Started", content: jsonContent(RunStarted) },
      ...errorResponses,
      ...notFound,
      ...conflict,
    },
  }),
};

export const registerDataSyncRoutes = (app: App) => {
  app.openapi(routes.list, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    const q = c.req.valid("query");
    const page = await pagedRows(c.var.services.db, dataSyncs, {
      columns: { name: dataSyncs.name },
      id: dataSyncs.id,
      sort: q.sort,
      defaultSort: "name",
      cursor: q.cursor,
      limit: q.limit,
      where: [eq(dataSyncs.customerId, customer.id)],
    });
    return c.json(
      {
        items: await Promise.all(page.items.map((row) => view(c.var.services, row, customer))),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(routes.create, async (c) => {
    const { services } = c.var;
    const customer = await loadCustomer(services, c.var.principal, c.req.valid("param").id);
    const body = c.req.valid("json");
    await checkList(services, body.modelTypeList);
    const stamp = services.now().toISOString();
    const row: DataSyncRow = {
      id: crypto.randomUUID(),
      customerId: customer.id,
      ...body,
      models: body.models ?? null,
      createdAt: stamp,
      updatedAt: stamp,
    };
    await services.db
      .insert(dataSyncs)
      .values(row)
      .catch(conflictFrom(c.var.principal, syncNameTaken(body.name)));
    return c.json(await view(services, row, customer), 201);
  });

  app.openapi(routes.patch, async (c) => {
    const { services } = c.var;
    const { id, syncId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    const current = await loadSync(services, customer.id, syncId);
    const body = c.req.valid("json");
    if (body.modelTypeList) await checkList(services, body.modelTypeList);
    const next: DataSyncRow = {
      ...current,
      ...body,
      models: body.models ?? current.models,
      updatedAt: services.now().toISOString(),
    };
    await services.db
      .update(dataSyncs)
      .set(next)
      .where(eq(dataSyncs.id, current.id))
      .run()
      .catch(conflictFrom(c.var.principal, syncNameTaken(next.name)));
    return c.json(await view(services, next, customer), 200);
  });

  app.openapi(routes.remove, async (c) => {
    const { services } = c.var;
    const { id, syncId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    const current = await loadSync(services, customer.id, syncId);
    await services.db.delete(dataSyncs).where(eq(dataSyncs.id, current.id)).run();
    return c.body(null, 204);
  });

  app.openapi(routes.run, async (c) => {
    const { services } = c.var;
    const { id, syncId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    const dataSync = await loadSync(services, customer.id, syncId);
    const { runId } = await startRun(services, { customer, dataSync, trigger: "manual" });
    return c.json(started(customer.id, runId), 202);
  });

  app.openapi(routes.syncUsers, async (c) => {
    const { services } = c.var;
    const customer = await loadCustomer(services, c.var.principal, c.req.valid("param").id);
    const name = defaultSyncNames(customer.name).users;
    const dataSync = await services.db
      .select()
      .from(dataSyncs)
      .where(and(eq(dataSyncs.customerId, customer.id), eq(dataSyncs.name, name)))
      .get();
    if (!dataSync)
      throw new ApiError(
        "CONFLICT",
        `${customer.name} has no ${name} data sync; add one to use Sync Webex App Users.`,
      );
    const { runId } = await startRun(services, { customer, dataSync, trigger: "sync_users" });
    return c.json(started(customer.id, runId), 202);
  });
};
