/**
 * @module sync/changes-routes
 * What changed, field by field: one run's changes, and a customer's change history of a model between two
 * dates (the "who changed what last week" question). Each as JSON pages and as CSV.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { type CsvColumn, everyPage } from "@wxsync/core/csv";
import { SPARK_DATA_SYNC_ORDER } from "@wxsync/core/models";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { loadCustomer } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { csvTwin } from "../lib/exports.ts";
import { cursorParam, keyset, MAX_PAGE, pageLimit, pageSchema, sortParam } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { loadRun, notFound, RunParams } from "./runs.routes.ts";
import { syncChanges } from "./schema.ts";

const KINDS = ["added", "updated", "removed"] as const;

const ChangeSchema = z
  .object({
    runId: z.string(),
    model: z.string(),
    itemId: z.string(),
    label: z.string().nullable(),
    kind: z.enum(KINDS),
    fields: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
    at: z.string(),
  })
  .openapi("Change");

const dateTime = (description: string) =>
  z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-11-24T00:00:00Z" })
    .optional()
    .openapi({ description });

const model = z.enum(SPARK_DATA_SYNC_ORDER).optional();

const RunChangesQuery = z.object({
  model,
  kind: z.enum(KINDS).optional(),
  sort: sortParam(["model"], "model"),
  limit: pageLimit(200),
  cursor: cursorParam,
});

const HistoryQuery = z.object({
  model,
  kind: z.enum(KINDS).optional(),
  itemId: z.string().max(500, "must be at most 500 characters").optional(),
  from: dateTime("Changes at or after this time."),
  to: dateTime("Changes at or before this time."),
  sort: sortParam(["at"], "-at (newest first)"),
  limit: pageLimit(200),
  cursor: cursorParam,
});

type Filters = {
  runId?: string;
  model?: string;
  kind?: (typeof KINDS)[number];
  itemId?: string;
  from?: string;
  to?: string;
  sort?: string;
  limit: number;
  cursor?: string;
};

// Unique per row (a run changes an object once): the tie-breaker for keyset pages.
const rowKey = sql`(${syncChanges.runId} || '/' || ${syncChanges.model} || '/' || ${syncChanges.itemId})`;

async function changesPage(services: Services, customerId: string, q: Filters, defaultSort: string) {
  const k = keyset({
    columns: { model: syncChanges.model, at: syncChanges.at },
    id: rowKey,
    idField: "key",
    sort: q.sort,
    defaultSort,
    cursor: q.cursor,
  });
  const rows = await services.db
    .select({
      key: sql<string>`${rowKey}`,
      runId: syncChanges.runId,
      model: syncChanges.model,
      itemId: syncChanges.itemId,
      label: syncChanges.label,
      kind: syncChanges.kind,
      fields: syncChanges.fields,
      at: syncChanges.at,
    })
    .from(syncChanges)
    .where(
      and(
        eq(syncChanges.customerId, customerId),
        q.runId ? eq(syncChanges.runId, q.runId) : undefined,
        q.model ? eq(syncChanges.model, q.model) : undefined,
        q.kind ? eq(syncChanges.kind, q.kind) : undefined,
        q.itemId ? eq(syncChanges.itemId, q.itemId) : undefined,
        q.from ? gte(syncChanges.at, new Date(q.from).toISOString()) : undefined,
        q.to ? lte(syncChanges.at, new Date(q.to).toISOString()) : undefined,
        k.where,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(q.limit + 1)
    .all();
  const page = k.page(rows, q.limit);
  return {
    items: page.items.map(({ key: _key, fields, ...r }) => ({
      ...r,
      fields: JSON.parse(fields) as { path: string; before: unknown; after: unknown }[],
    })),
    nextCursor: page.nextCursor,
  };
}

type Change = Awaited<ReturnType<typeof changesPage>>["items"][number];

const show = (v: unknown) =>
  v === null || v === undefined ? "∅" : typeof v === "string" ? v : JSON.stringify(v);

const CSV_COLUMNS: CsvColumn<Change>[] = [
  { name: "at" },
  { name: "model" },
  { name: "kind" },
  { name: "label" },
  { name: "itemId" },
  {
    name: "fields",
    header: "Changed fields",
    // One readable cell: "displayName: Ann → Anne; phoneNumbers[0].value: ∅ → +1…".
    value: (r) => r.fields.map((f) => `${f.path}: ${show(f.before)} → ${show(f.after)}`),
  },
  { name: "runId" },
];

const tags = ["Runs"];
const changesList = createRoute({
  method: "get",
  path: "/api/v1/customers/{id}/runs/{runId}/changes",
  tags,
  summary: "What the run changed, field by field",
  security: bearerSecurity,
  request: { params: RunParams, query: RunChangesQuery },
  responses: {
    200: { description: "Changes", content: jsonContent(pageSchema(ChangeSchema)) },
    ...errorResponses,
    ...notFound,
  },
});
const changesCsv = createRoute({
  ...csvTwin(changesList, "What the run changed, as CSV"),
  request: {
    params: RunParams,
    query: RunChangesQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam }),
  },
});
const history = createRoute({
  method: "get",
  path: "/api/v1/customers/{id}/changes",
  tags: ["Reports"],
  summary: "Change history: what changed in a model between two dates, newest first",
  security: bearerSecurity,
  request: { params: IdParam, query: HistoryQuery },
  responses: {
    200: { description: "Changes", content: jsonContent(pageSchema(ChangeSchema)) },
    ...errorResponses,
    ...notFound,
  },
});
const historyCsv = createRoute({
  ...csvTwin(history, "Change history as CSV"),
  request: {
    params: IdParam,
    query: HistoryQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam }),
  },
});

export const registerChangeRoutes = (app: App) => {
  app.openapi(changesList, async (c) => {
    const { services, principal } = c.var;
    const { id, runId } = c.req.valid("param");
    const customer = await loadCustomer(services, principal, id);
    await loadRun(services, customer.id, runId);
    return c.json(await changesPage(services, customer.id, { ...c.req.valid("query"), runId }, "model"), 200);
  });
  app.openapi(history, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    return c.json(await changesPage(services, customer.id, c.req.valid("query"), "-at"), 200);
  });
  app.openapi(changesCsv, async (c) => {
    const { services, principal } = c.var;
    const { id, runId } = c.req.valid("param");
    const customer = await loadCustomer(services, principal, id);
    await loadRun(services, customer.id, runId);
    const { bom, ...q } = c.req.valid("query");
    return exportChanges(
      c,
      services,
      customer,
      { ...q, runId },
      "model",
      `Run-${runId.slice(0, 8)}-changes`,
      bom,
    );
  });
  app.openapi(historyCsv, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    const { bom, ...q } = c.req.valid("query");
    return exportChanges(c, services, customer, q, "-at", `${q.model ?? "All"}-changes`, bom);
  });
};

async function exportChanges(
  c: Parameters<typeof csvResponse>[0],
  services: Services,
  customer: { id: string; name: string },
  q: Omit<Filters, "limit">,
  defaultSort: string,
  what: string,
  bom: string | undefined,
) {
  const read = (cursor?: string) =>
    changesPage(services, customer.id, { ...q, limit: MAX_PAGE, cursor }, defaultSort);
  const first = await read();
  return csvResponse(c, {
    fileName: csvFileName([customer.name, what], services.now()),
    columns: CSV_COLUMNS,
    bom: bom === "true",
    pages: everyPage((cursor) => (cursor ? read(cursor) : Promise.resolve(first))),
  });
}
