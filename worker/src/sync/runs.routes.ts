/**
 * @module sync/runs-routes
 * Runs: the list (and its CSV), their progress per model (for progress bars), and the approval of removals
 * held back by the deletion threshold. What a run changed is in changes.routes.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { CsvColumn } from "@wxsync/core/csv";
import { everyPage } from "@wxsync/core/csv";
import { approveRemovals, type RunState } from "@wxsync/core/sync";
import { and, eq, gte, lte } from "drizzle-orm";
import { requireRole } from "../api-keys/auth.ts";
import { loadCustomer } from "../customers/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError } from "../lib/errors.ts";
import { csvTwin } from "../lib/exports.ts";
import { cursorParam, keyset, MAX_PAGE, pageLimit, pageSchema, sortParam } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { RUN_STATUSES, RUN_TRIGGERS, type SyncRunRow, syncRuns } from "./schema.ts";

const tags = ["Runs"];

const ModelProgressSchema = z
  .object({
    model: z.string(),
    status: z.enum(["pending", "running", "done", "failed", "awaiting_approval"]),
    pages: z.number(),
    items: z.number(),
    expected: z.number().nullable(),
    percent: z.number().openapi({ description: "0-100, for a progress bar." }),
    added: z.number(),
    updated: z.number(),
    removed: z.number(),
    unchanged: z.number(),
    kept: z
      .number()
      .openapi({ description: "Kept by the licence check although Webex no longer listed them." }),
    pendingRemovals: z.number(),
    errors: z.array(
      z.object({ message: z.string(), trackingId: z.string().optional(), status: z.number().optional() }),
    ),
  })
  .openapi("ModelProgress");

const RunSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    dataSyncId: z.string().nullable(),
    dataSyncName: z.string().nullable(),
    trigger: z.enum(RUN_TRIGGERS),
    status: z.enum(RUN_STATUSES),
    progress: z.number(),
    requests: z.number(),
    throttled: z.number().openapi({ description: "429 answers received from Webex." }),
    totals: z.object({ added: z.number(), updated: z.number(), removed: z.number(), unchanged: z.number() }),
    durationMs: z.number().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    error: z.string().nullable(),
    models: z.array(ModelProgressSchema),
  })
  .openapi("Run");

export const RunParams = z.object({
  id: IdParam.shape.id,
  runId: z.uuid({ error: "must be a run id (a UUID)" }).openapi({ param: { name: "runId", in: "path" } }),
});
export const notFound = {
  404: { description: "No such customer or run", content: errorResponses[401].content },
};

export function viewRun(row: SyncRunRow, now: Date): z.infer<typeof RunSchema> {
  const state = JSON.parse(row.state) as RunState;
  const models = state.progress.map((p) => {
    const finished = p.status === "done" || p.status === "failed" || p.status === "awaiting_approval";
    const percent = finished
      ? 100
      : p.status === "pending"
        ? 0
        : p.expected
          ? Math.min(99, Math.round((p.items / p.expected) * 100))
          : 50;
    return { ...p, percent };
  });
  const totals = models.reduce(
    (t, p) => ({
      added: t.added + p.added,
      updated: t.updated + p.updated,
      removed: t.removed + p.removed,
      unchanged: t.unchanged + p.unchanged,
    }),
    { added: 0, updated: 0, removed: 0, unchanged: 0 },
  );
  const start = row.startedAt ? Date.parse(row.startedAt) : null;
  const end = row.endedAt ? Date.parse(row.endedAt) : start ? now.getTime() : null;
  const { state: _state, transactionId: _tx, updatedAt: _u, checkpoint: _c, ...rest } = row;
  return { ...rest, totals, durationMs: start && end ? end - start : null, models };
}

export async function loadRun(services: Services, customerId: string, runId: string) {
  const row = await services.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.customerId, customerId)))
    .get();
  if (!row) throw new ApiError("NOT_FOUND", `No run with id ${runId} for this customer.`);
  return row;
}

const RunsQuery = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  trigger: z.enum(RUN_TRIGGERS).optional(),
  from: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-11-24T00:00:00Z" })
    .optional()
    .openapi({ description: "Runs created at or after this time." }),
  to: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-11-24T00:00:00Z" })
    .optional()
    .openapi({ description: "Runs created at or before this time." }),
  sort: sortParam(["createdAt"], "-createdAt (newest first)"),
  limit: pageLimit(50),
  cursor: cursorParam,
});

async function runsPage(
  services: Services,
  customerId: string,
  q: Omit<z.infer<typeof RunsQuery>, "limit" | "cursor"> & { limit: number; cursor?: string },
) {
  const k = keyset({
    columns: { createdAt: syncRuns.createdAt },
    id: syncRuns.id,
    sort: q.sort,
    defaultSort: "-createdAt",
    cursor: q.cursor,
  });
  const rows = await services.db
    .select()
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.customerId, customerId),
        q.status ? eq(syncRuns.status, q.status) : undefined,
        q.trigger ? eq(syncRuns.trigger, q.trigger) : undefined,
        q.from ? gte(syncRuns.createdAt, new Date(q.from).toISOString()) : undefined,
        q.to ? lte(syncRuns.createdAt, new Date(q.to).toISOString()) : undefined,
        k.where,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(q.limit + 1)
    .all();
  const page = k.page(rows, q.limit);
  const now = services.now();
  return { items: page.items.map((row) => viewRun(row, now)), nextCursor: page.nextCursor };
}

type RunView = z.infer<typeof RunSchema>;
const RUN_CSV_COLUMNS: CsvColumn<RunView>[] = [
  { name: "id" },
  { name: "dataSyncName", header: "Data sync" },
  { name: "trigger" },
  { name: "status" },
  { name: "progress", header: "Progress %" },
  { name: "added", value: (r) => r.totals.added },
  { name: "updated", value: (r) => r.totals.updated },
  { name: "removed", value: (r) => r.totals.removed },
  { name: "unchanged", value: (r) => r.totals.unchanged },
  { name: "requests", header: "Webex requests" },
  { name: "throttled", header: "Throttled (429)" },
  { name: "durationMs", header: "Duration (ms)" },
  { name: "createdAt" },
  { name: "startedAt" },
  { name: "endedAt" },
  { name: "failedModels", value: (r) => r.models.filter((m) => m.status === "failed").map((m) => m.model) },
  { name: "error" },
];

const routes = {
  list: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/runs",
    tags,
    summary: "The customer's sync runs, newest first",
    security: bearerSecurity,
    request: { params: IdParam, query: RunsQuery },
    responses: {
      200: { description: "Runs", content: jsonContent(pageSchema(RunSchema)) },
      ...errorResponses,
      ...notFound,
    },
  }),
  get: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/runs/{runId}",
    tags,
    summary: "One run with its progress per model",
    security: bearerSecurity,
    request: { params: RunParams },
    responses: {
      200: { description: "The run", content: jsonContent(RunSchema) },
      ...errorResponses,
      ...notFound,
    },
  }),
  exportCsv: createRoute({
    ...csvTwin(
      { path: "/api/v1/customers/{id}/runs", tags, security: bearerSecurity },
      "The customer's runs as CSV",
    ),
    request: {
      params: IdParam,
      query: RunsQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam }),
    },
  }),
  approve: createRoute({
    method: "post",
    path: "/api/v1/customers/{id}/runs/{runId}/approve-deletes",
    tags,
    summary: "Approve the removals a run held back, and let it finish",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: RunParams },
    responses: {
      202: { description: "Resumed", content: jsonContent(RunSchema) },
      409: { description: "The run is not waiting for approval", content: errorResponses[401].content },
      ...errorResponses,
      ...notFound,
    },
  }),
};

export const registerRunRoutes = (app: App) => {
  app.openapi(routes.list, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    return c.json(await runsPage(services, customer.id, c.req.valid("query")), 200);
  });

  app.openapi(routes.exportCsv, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    const { bom, ...filters } = c.req.valid("query");
    const read = (cursor?: string) =>
      runsPage(services, customer.id, { ...filters, limit: MAX_PAGE, cursor });
    const first = await read();
    return csvResponse(c, {
      fileName: csvFileName([customer.name, "SyncRuns"], services.now()),
      columns: RUN_CSV_COLUMNS,
      bom: bom === "true",
      pages: everyPage((cursor) => (cursor ? read(cursor) : Promise.resolve(first))),
    });
  });

  app.openapi(routes.get, async (c) => {
    const { services } = c.var;
    const { id, runId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    return c.json(viewRun(await loadRun(services, customer.id, runId), services.now()), 200);
  });

  app.openapi(routes.approve, async (c) => {
    const { services } = c.var;
    const { id, runId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    const run = await loadRun(services, customer.id, runId);
    if (run.status !== "awaiting_approval")
      throw new ApiError("CONFLICT", `Run ${runId} is ${run.status}, not waiting for approval.`);
    const state = JSON.parse(run.state) as RunState;
    const next = approveRemovals(
      state,
      state.progress.filter((p) => p.status === "awaiting_approval").map((p) => p.model),
    );
    const stamp = services.now().toISOString();
    try {
      await services.db
        .update(syncRuns)
        .set({ status: "running", state: JSON.stringify(next), endedAt: null, updatedAt: stamp })
        .where(eq(syncRuns.id, runId))
        .run();
    } catch {
      throw new ApiError(
        "CONFLICT",
        `Another sync of ${customer.name} is running; approve once it has finished.`,
      );
    }
    await services.env.SYNC_WORKFLOW.create({
      id: `${runId}-approved-${Date.parse(stamp)}`,
      params: { runId },
    });
    return c.json(
      viewRun({ ...run, status: "running", state: JSON.stringify(next), endedAt: null }, services.now()),
      202,
    );
  });
};
