/**
 * @module sync/model-exports
 * `GET .../models/{model}.csv` and `.../number-inventory.csv`: a model's synced rows as a spreadsheet, with
 * the JSON list's filters and sort. Ids a person can't read get a readable twin column: a location id its
 * location's name, a user's licence and role ids their names.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { CsvColumn } from "@wxsync/core/csv";
import { everyPage } from "@wxsync/core/csv";
import type { ModelName } from "@wxsync/core/models";
import { SPARK_DATA_SYNC_ORDER } from "@wxsync/core/models";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { loadCustomer } from "../lib/access.ts";
import type { App, AppEnv } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError, describeZodError } from "../lib/errors.ts";
import { csvTwin } from "../lib/exports.ts";
import { MAX_PAGE } from "../lib/listing.ts";
import { bearerSecurity } from "../lib/openapi.ts";
import { IdParam } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { columnsOf, listModelPage, ModelListQuery } from "./model-list.ts";
import { SYNCED_TABLES } from "./tables.ts";

const tags = ["Synced data"];
const CsvQuery = ModelListQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam });
const ModelParams = z.object({
  id: IdParam.shape.id,
  model: z.enum(SPARK_DATA_SYNC_ORDER).openapi({ param: { name: "model", in: "path" } }),
});

const modelCsv = createRoute({
  ...csvTwin(
    { path: "/api/v1/customers/{id}/models/{model}", tags, security: bearerSecurity },
    "One model's synced objects as CSV (same filters and sort as the JSON list)",
  ),
  request: { params: ModelParams, query: CsvQuery },
});
const inventoryCsv = createRoute({
  ...csvTwin(
    { path: "/api/v1/customers/{id}/number-inventory", tags, security: bearerSecurity },
    "The number inventory as CSV",
  ),
  request: { params: IdParam, query: CsvQuery },
});

type Row = Record<string, unknown>;

async function labels(
  services: Services,
  model: ModelName,
  customerId: string,
): Promise<Map<string, string>> {
  const table = SYNCED_TABLES[model];
  const rows = await services.db
    .select({ id: table.id, label: table.label })
    .from(table)
    .where(and(eq(table.customerId, customerId)))
    .all();
  return new Map(rows.map((r) => [r.id, r.label ?? r.id]));
}

const names = (ids: unknown, map: Map<string, string>) =>
  typeof ids === "string" && ids
    ? ids
        .split("; ")
        .map((id) => map.get(id) ?? id)
        .join("; ")
    : null;

/** The list's columns in order, each id a person can't read followed by its readable twin. */
async function csvColumns(
  services: Services,
  model: ModelName,
  customerId: string,
): Promise<CsvColumn<Row>[]> {
  const own = columnsOf(model);
  const [locations, licences, roles] = await Promise.all([
    own.includes("locationId") ? labels(services, "Location", customerId) : null,
    own.includes("licenses") ? labels(services, "License", customerId) : null,
    own.includes("roles") ? labels(services, "Role", customerId) : null,
  ]);
  return own.flatMap((name): CsvColumn<Row>[] => {
    const column = { name };
    if (name === "locationId" && locations)
      return [column, { name: "location", value: (r) => locations.get(String(r.locationId)) ?? null }];
    if (name === "licenses" && licences)
      return [
        column,
        { name: "licenseNames", header: "Licence names", value: (r) => names(r.licenses, licences) },
      ];
    if (name === "roles" && roles)
      return [column, { name: "roleNames", value: (r) => names(r.roles, roles) }];
    return [column];
  });
}

async function exportModel(
  c: Context<AppEnv>,
  input: { model: ModelName; id: string; what: string; query: z.infer<typeof CsvQuery> },
) {
  const { model } = input;
  const { services, principal } = c.var;
  const customer = await loadCustomer(services, principal, input.id);
  const { bom, ...query } = input.query;
  const read = (cursor: string | undefined) =>
    listModelPage(services, model, customer.id, { ...query, limit: MAX_PAGE, cursor });
  // The first page is read before answering, so a bad filter or sort is a 400, not a broken download.
  const first = await read(undefined);
  return csvResponse(c, {
    fileName: csvFileName([customer.name, input.what], services.now()),
    columns: await csvColumns(services, model, customer.id),
    bom: bom === "true",
    pages: everyPage((cursor) => (cursor ? read(cursor) : Promise.resolve(first))),
  });
}

/** Validates like a declared route does, for the one path hono can't declare: a parameter plus a suffix. */
function validated<T extends z.ZodType>(schema: T, target: "path" | "query", value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("BAD_REQUEST", describeZodError(target, result.error));
  return result.data;
}

export const registerModelExportRoutes = (app: App) => {
  // `{model}.csv` is documented as such, but hono's router has no "parameter then suffix" segment: match
  // the segment with a pattern and split the model name off it here.
  app.openAPIRegistry.registerPath(modelCsv);
  app.get("/api/v1/customers/:id/models/:file{[A-Za-z]+\\.csv}", async (c) => {
    const { id, model } = validated(ModelParams, "path", {
      id: c.req.param("id"),
      model: c.req.param("file").replace(/\.csv$/, ""),
    });
    const query = validated(CsvQuery, "query", c.req.query());
    return exportModel(c, { model, id, what: model, query });
  });
  app.openapi(inventoryCsv, async (c) =>
    exportModel(c, {
      model: "Number",
      id: c.req.valid("param").id,
      what: "NumberInventory",
      query: c.req.valid("query"),
    }),
  );
};
