/**
 * @module sync/models-routes
 * Reading synced data back: any model, filtered by any of its columns, sorted, with cursor pagination; one
 * object with its full payload; and VOSS's number inventory with its counts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { MODEL_NAMES, SPARK_DATA_SYNC_ORDER } from "@wxsync/core/models";
import { and, eq, sql } from "drizzle-orm";
import { loadCustomer } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { pageSchema } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import { listModelPage, ModelListQuery, rowView } from "./model-list.ts";
import { SYNCED_TABLES } from "./tables.ts";

const tags = ["Synced data"];
const ModelParams = z.object({
  id: IdParam.shape.id,
  model: z.enum(SPARK_DATA_SYNC_ORDER).openapi({ param: { name: "model", in: "path" } }),
});

const ItemSchema = z.record(z.string(), z.unknown()).openapi("SyncedItem");

const routes = {
  list: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/models/{model}",
    tags,
    summary: `Synced objects of one model (${MODEL_NAMES.length} models, VOSS names)`,
    security: bearerSecurity,
    request: { params: ModelParams, query: ModelListQuery },
    responses: {
      200: {
        description: "Objects",
        content: jsonContent(pageSchema(ItemSchema)),
      },
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/models/{model}/{itemId}",
    tags,
    summary: "One synced object with its full Webex payload",
    security: bearerSecurity,
    request: {
      params: ModelParams.extend({
        itemId: z
          .string()
          .min(1)
          .openapi({ param: { name: "itemId", in: "path" } }),
      }),
    },
    responses: { 200: { description: "The object", content: jsonContent(ItemSchema) }, ...errorResponses },
  }),
  inventory: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/number-inventory",
    tags,
    summary: "The number inventory: status (Used/Available), usage, vendor, with counts",
    security: bearerSecurity,
    request: { params: IdParam, query: ModelListQuery },
    responses: {
      200: {
        description: "Numbers and counts",
        content: jsonContent(
          z.object({
            items: z.array(ItemSchema),
            nextCursor: z.string().nullable(),
            counts: z.object({
              total: z.number(),
              byStatus: z.record(z.string(), z.number()),
              byUsage: z.record(z.string(), z.number()),
            }),
          }),
        ),
      },
      ...errorResponses,
    },
  }),
};

export const registerModelRoutes = (app: App) => {
  app.openapi(routes.list, async (c) => {
    const { id, model } = c.req.valid("param");
    const customer = await loadCustomer(c.var.services, c.var.principal, id);
    return c.json(await listModelPage(c.var.services, model, customer.id, c.req.valid("query")), 200);
  });

  app.openapi(routes.get, async (c) => {
    const { id, model, itemId } = c.req.valid("param");
    const customer = await loadCustomer(c.var.services, c.var.principal, id);
    const table = SYNCED_TABLES[model];
    const row = (await c.var.services.db
      .select()
      .from(table)
      .where(and(eq(table.customerId, customer.id), eq(table.id, itemId)))
      .get()) as Record<string, unknown> | undefined;
    if (!row)
      throw new ApiError("NOT_FOUND", `No ${model} with id ${itemId} in ${customer.name}'s synced data.`);
    return c.json({ ...rowView(model, row), payload: JSON.parse(String(row.payload)) }, 200);
  });

  app.openapi(routes.inventory, async (c) => {
    const { services } = c.var;
    const customer = await loadCustomer(services, c.var.principal, c.req.valid("param").id);
    const page = await listModelPage(services, "Number", customer.id, c.req.valid("query"));
    const table = SYNCED_TABLES.Number;
    const groups = await services.db
      .select({
        status: sql<string>`${sql.identifier("status")}`,
        usage: sql<string | null>`${sql.identifier("usage")}`,
        n: sql<number>`count(*)`,
      })
      .from(table)
      .where(eq(table.customerId, customer.id))
      .groupBy(sql`1, 2`)
      .all();
    const byStatus: Record<string, number> = {};
    const byUsage: Record<string, number> = {};
    for (const g of groups) {
      byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
      if (g.usage) byUsage[g.usage] = (byUsage[g.usage] ?? 0) + g.n;
    }
    return c.json(
      { ...page, counts: { total: groups.reduce((n, g) => n + g.n, 0), byStatus, byUsage } },
      200,
    );
  });
};
