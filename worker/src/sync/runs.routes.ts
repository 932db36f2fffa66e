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
import { loadCustomer, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError } from "../lib/errors.ts";
import { csvTwin } from "../lib/exports.ts";
import { cursorParam, MAX_PAGE, pagedRows, pageLimit, pageSchema, sortParam } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { RunSchema, viewRun } from "./run-view.ts";
import { RUN_STATUSES, RUN_TRIGGERS, syncRuns } from "./schema.ts";

const tags = ["Runs"];

export const RunParams = z.object({
  id: IdParam.shape.id,
  runId: z.uuid({ error: "must be a run id (a UUID)" }).openapi({ param: { name: "runId", in: "path" } }),
});
export const notFound = {
  404: { description: "No such customer or run", content: errorResponses[401].content },
};

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
  const page = await pagedRows(services.db, syncRuns, {
    columns: { createdAt: syncRuns.createdAt },
    id: syncRuns.id,
    sort: q.sort,
    defaultSort: "-createdAt",
    cursor: q.cursor,
    limit: q.limit,
    where: [
      eq(syncRuns.customerId, customerId),
      q.status ? eq(syncRuns.status, q.status) : undefined,
      q.trigger ? eq(syncRuns.trigger, q.trigger) : undefined,
      q.from ? gte(syncRuns.createdAt, new Date(q.from).toISOString()) : undefined,
      q.to ? lte(syncRuns.createdAt, new Date(q.to).toISOString()) : undefined,
    ],
  });
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
