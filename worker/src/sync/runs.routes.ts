/**
 * @module sync/runs-routes
 * Runs: their progress per model (for progress bars), their changes field by field, and the approval of
 * removals held back by the deletion threshold.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { approveRemovals, type RunState } from "@wxsync/core/sync";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { requireRole } from "../api-keys/auth.ts";
import { loadCustomer } from "../customers/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { RUN_STATUSES, RUN_TRIGGERS, type SyncRunRow, syncChanges, syncRuns } from "./schema.ts";

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

const ChangeSchema = z
  .object({
    model: z.string(),
    itemId: z.string(),
    label: z.string().nullable(),
    kind: z.enum(["added", "updated", "removed"]),
    fields: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
    at: z.string(),
  })
  .openapi("Change");

const RunParams = z.object({
  id: IdParam.shape.id,
  runId: z.uuid({ error: "must be a run id (a UUID)" }).openapi({ param: { name: "runId", in: "path" } }),
});
const notFound = { 404: { description: "No such customer or run", content: errorResponses[401].content } };

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

async function loadRun(services: Services, customerId: string, runId: string) {
  const row = await services.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.customerId, customerId)))
    .get();
  if (!row) throw new ApiError("NOT_FOUND", `No run with id ${runId} for this customer.`);
  return row;
}

const routes = {
  list: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/runs",
    tags,
    summary: "The customer's sync runs, newest first",
    security: bearerSecurity,
    request: {
      params: IdParam,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    },
    responses: {
      200: { description: "Runs", content: jsonContent(z.object({ items: z.array(RunSchema) })) },
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
  changes: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/runs/{runId}/changes",
    tags,
    summary: "What the run changed, field by field",
    security: bearerSecurity,
    request: {
      params: RunParams,
      query: z.object({
        model: z.string().optional(),
        kind: z.enum(["added", "updated", "removed"]).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
        cursor: z.string().optional().openapi({ description: "`nextCursor` of the previous page." }),
      }),
    },
    responses: {
      200: {
        description: "Changes",
        content: jsonContent(z.object({ items: z.array(ChangeSchema), nextCursor: z.string().nullable() })),
      },
      ...errorResponses,
      ...notFound,
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
    const { services } = c.var;
    const customer = await loadCustomer(services, c.var.principal, c.req.valid("param").id);
    const rows = await services.db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.customerId, customer.id))
      .orderBy(desc(syncRuns.createdAt))
      .limit(c.req.valid("query").limit)
      .all();
    const now = services.now();
    return c.json({ items: rows.map((row) => viewRun(row, now)) }, 200);
  });

  app.openapi(routes.get, async (c) => {
    const { services } = c.var;
    const { id, runId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    return c.json(viewRun(await loadRun(services, customer.id, runId), services.now()), 200);
  });

  app.openapi(routes.changes, async (c) => {
    const { services } = c.var;
    const { id, runId } = c.req.valid("param");
    const q = c.req.valid("query");
    const customer = await loadCustomer(services, c.var.principal, id);
    await loadRun(services, customer.id, runId);
    const [afterModel, afterItem] = q.cursor ? q.cursor.split("\u0000") : [];
    const rows = await services.db
      .select()
      .from(syncChanges)
      .where(
        and(
          eq(syncChanges.runId, runId),
          q.model ? eq(syncChanges.model, q.model) : undefined,
          q.kind ? eq(syncChanges.kind, q.kind) : undefined,
          afterModel !== undefined && afterItem !== undefined
            ? sql`(${syncChanges.model}, ${syncChanges.itemId}) > (${afterModel}, ${afterItem})`
            : undefined,
        ),
      )
      .orderBy(asc(syncChanges.model), asc(syncChanges.itemId))
      .limit(q.limit + 1)
      .all();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json(
      {
        items: page.map((r) => ({
          model: r.model,
          itemId: r.itemId,
          label: r.label,
          kind: r.kind,
          fields: JSON.parse(r.fields),
          at: r.at,
        })),
        nextCursor: rows.length > q.limit && last ? `${last.model}\u0000${last.itemId}` : null,
      },
      200,
    );
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
