/**
 * @module sync/models-routes
 * Reading synced data back: any model, filtered by any of its columns, sorted, with cursor pagination; one
 * object with its full payload; and VOSS's number inventory with its counts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { MODEL_NAMES, type ModelName, SPARK_DATA_SYNC_ORDER } from "@wxsync/core/models";
import { MODEL_SPECS } from "@wxsync/core/sync";
import { and, asc, desc, eq, gt, like, lt, or, type SQL, sql } from "drizzle-orm";
import { loadCustomer } from "../customers/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import { SYNCED_TABLES } from "./tables.ts";

const tags = ["Synced data"];
const ModelParams = z.object({
  id: IdParam.shape.id,
  model: z.enum(SPARK_DATA_SYNC_ORDER).openapi({ param: { name: "model", in: "path" } }),
});

const ListQuery = z
  .object({
    sort: z
      .string()
      .optional()
      .openapi({ description: "A column name; `-name` sorts descending. Default: label." }),
    limit: z.coerce
      .number()
      .int()
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000")
      .default(100),
    cursor: z.string().optional().openapi({ description: "`nextCursor` of the previous page." }),
    q: z.string().optional().openapi({ description: "Text contained in the label (name, email, number…)." }),
  })
  .catchall(z.string())
  .openapi({
    description: "Any other parameter filters on the column of that name, e.g. `locationId=…&state=ACTIVE`.",
  });

const ItemSchema = z.record(z.string(), z.unknown()).openapi("SyncedItem");
const columnsOf = (model: ModelName) => [
  "id",
  "label",
  "firstSeenAt",
  "changedAt",
  ...Object.keys(MODEL_SPECS[model].columns),
];

type Cursor = { v: unknown; id: string };
const encodeCursor = (c: Cursor) => btoa(JSON.stringify(c)).replace(/=+$/, "");
function decodeCursor(value: string): Cursor {
  try {
    const c = JSON.parse(atob(value)) as Cursor;
    if (typeof c.id !== "string") throw new Error();
    return c;
  } catch {
    throw new ApiError("BAD_REQUEST", "query.cursor: not a cursor this API issued");
  }
}

/** Builds the WHERE/ORDER BY of a model list from validated query parameters (shared with CSV exports). */
export function listQuery(model: ModelName, customerId: string, query: z.infer<typeof ListQuery>) {
  const table = SYNCED_TABLES[model];
  const columns = table as unknown as Record<string, Parameters<typeof eq>[0]>;
  const allowed = columnsOf(model);
  const { sort, limit, cursor, q, ...filters } = query;
  const conditions: (SQL | undefined)[] = [eq(table.customerId, customerId)];
  for (const [name, value] of Object.entries(filters)) {
    if (!allowed.includes(name))
      throw new ApiError(
        "BAD_REQUEST",
        `query.${name}: ${model} has no such column; filter on one of ${allowed.join(", ")}`,
      );
    conditions.push(
      value === ""
        ? sql`${columns[name]} IS NULL`
        : or(eq(columns[name]!, value), sql`CAST(${columns[name]} AS TEXT) = ${value}`),
    );
  }
  if (q) conditions.push(like(table.label, `%${q.replace(/[%_]/g, "")}%`));
  const sortName = (sort ?? "label").replace(/^-/, "");
  if (!allowed.includes(sortName))
    throw new ApiError("BAD_REQUEST", `query.sort: ${model} has no column ${sortName}`);
  const descending = sort?.startsWith("-") ?? false;
  const sortColumn = columns[sortName]!;
  if (cursor) {
    const c = decodeCursor(cursor);
    const cmp = descending ? lt : gt;
    conditions.push(or(cmp(sortColumn, c.v), and(sql`${sortColumn} IS ${c.v}`, cmp(table.id, c.id))));
  }
  return {
    table,
    where: and(...conditions),
    order: [descending ? desc(sortColumn) : asc(sortColumn), descending ? desc(table.id) : asc(table.id)],
    limit,
    sortName,
  };
}

export function rowView(model: ModelName, row: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const name of columnsOf(model)) out[name] = row[name] ?? null;
  return out;
}

const routes = {
  list: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/models/{model}",
    tags,
    summary: `Synced objects of one model (${MODEL_NAMES.length} models, VOSS names)`,
    security: bearerSecurity,
    request: { params: ModelParams, query: ListQuery },
    responses: {
      200: {
        description: "Objects",
        content: jsonContent(z.object({ items: z.array(ItemSchema), nextCursor: z.string().nullable() })),
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
    request: { params: IdParam, query: ListQuery },
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
  const list = async (
    model: ModelName,
    customerId: string,
    query: z.infer<typeof ListQuery>,
    db: Parameters<typeof loadCustomer>[0]["db"],
  ) => {
    const { table, where, order, limit, sortName } = listQuery(model, customerId, query);
    const rows = (await db
      .select()
      .from(table)
      .where(where)
      .orderBy(...order)
      .limit(limit + 1)
      .all()) as Record<string, unknown>[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => rowView(model, row)),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ v: last[sortName] ?? null, id: String(last.id) }) : null,
    };
  };

  app.openapi(routes.list, async (c) => {
    const { id, model } = c.req.valid("param");
    const customer = await loadCustomer(c.var.services, c.var.principal, id);
    return c.json(await list(model, customer.id, c.req.valid("query"), c.var.services.db), 200);
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
    const page = await list("Number", customer.id, c.req.valid("query"), services.db);
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
