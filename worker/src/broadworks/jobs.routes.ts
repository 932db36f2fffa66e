/**
 * @module broadworks/jobs-routes
 * `POST /api/v1/partners/{id}/broadworks/jobs`: "Sync all selected" as a durable job; its progress per
 * enterprise at `GET .../jobs/{jobId}`.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { requireAllCustomers, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { jobReadRoutes } from "../lib/job-routes.ts";
import { pagedRows } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { loadPartner } from "../partners/partner.ts";
import { type JobState, newJobState } from "./job.ts";
import { BW_JOB_STATUSES, type BwJobRow, bwJobs } from "./schema.ts";
import { loadEnterprise } from "./shared.ts";
import { ExplainedErrorSchema } from "./view.ts";

const tags = ["BroadWorks"];
const base = "/api/v1/partners/{id}/broadworks/jobs";
const missing = {
  404: { description: "No such partner, enterprise or job", content: errorResponses[401].content },
};

const JobSchema = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    status: z.enum(BW_JOB_STATUSES),
    progress: z.object({
      total: z.number(),
      done: z.number(),
      failed: z.number(),
      running: z.number(),
      pending: z.number(),
      percent: z.number(),
    }),
    clusters: z
      .record(z.string(), z.object({ running: z.string().nullable(), waiting: z.number() }))
      .openapi({
        description: "Per BroadWorks cluster: the enterprise syncing now, and how many wait for it.",
      }),
    items: z.array(
      z.object({
        enterpriseId: z.string(),
        spEnterpriseId: z.string(),
        cluster: z.string().nullable(),
        state: z.enum(["pending", "running", "done", "failed"]),
        triggeredAt: z.string().nullable(),
        endedAt: z.string().nullable(),
        refusals: z
          .number()
          .openapi({ description: "Sync now attempts Webex refused because the cluster was busy." }),
        syncStatus: z.string().nullable(),
        trackingId: z.string().nullable(),
        errors: z.array(ExplainedErrorSchema),
        message: z.string().nullable(),
      }),
    ),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("BroadWorksJob");

export function viewJob(row: BwJobRow): z.infer<typeof JobSchema> {
  const state = JSON.parse(row.state) as JobState;
  const count = (s: string) => state.items.filter((i) => i.state === s).length;
  const total = state.items.length;
  const clusters: Record<string, { running: string | null; waiting: number }> = {};
  for (const i of state.items) {
    const key = i.cluster ?? "(cluster not known)";
    clusters[key] ??= { running: null, waiting: 0 };
    if (i.state === "running") clusters[key].running = i.spEnterpriseId;
    if (i.state === "pending") clusters[key].waiting++;
  }
  const { state: _s, checkpoint: _c, ...rest } = row;
  return {
    ...rest,
    progress: {
      total,
      done: count("done"),
      failed: count("failed"),
      running: count("running"),
      pending: count("pending"),
      percent: total ? Math.round(((count("done") + count("failed")) / total) * 100) : 100,
    },
    clusters,
    items: state.items.map((i) => ({
      enterpriseId: i.enterpriseId,
      spEnterpriseId: i.spEnterpriseId,
      cluster: i.cluster,
      state: i.state,
      triggeredAt: i.triggeredAt ?? null,
      endedAt: i.endedAt ?? null,
      refusals: i.refusals,
      syncStatus: i.syncStatus ?? null,
      trackingId: i.trackingId ?? null,
      errors: i.errors ?? [],
      message: i.message ?? null,
    })),
  };
}

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Sync all selected enterprises: one Sync now at a time per cluster, each polled to its end",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: IdParam,
      body: jsonBody(
        z.strictObject({
          enterpriseIds: z
            .array(z.string().min(1, "must not be empty").max(300, "must be at most 300 characters"))
            .min(1, "must list at least one enterprise")
            .max(1000, "must list at most 1000 enterprises"),
          pollSeconds: z
            .number({ error: "must be a number of seconds" })
            .int("must be a whole number")
            .min(1, "must be at least 1")
            .max(600, "must be at most 600")
            .default(20)
            .openapi({ description: "How often a running sync's status is checked." }),
        }),
      ),
    },
    responses: {
      202: { description: "Started", content: jsonContent(JobSchema) },
      409: {
        description: "A sync-all job of this partner is still running",
        content: errorResponses[401].content,
      },
      ...errorResponses,
      ...missing,
    },
  }),
  ...jobReadRoutes({
    path: base,
    tags,
    schema: JobSchema,
    summaries: {
      list: "The partner's sync-all jobs, newest first",
      get: "One sync-all job with its progress per enterprise and cluster",
    },
    errors: missing,
  }),
};

export const registerBroadworksJobRoutes = (app: App) => {
  app.openapi(routes.create, async (c) => {
    requireAllCustomers(c.var.principal);
    const { services, principal } = c.var;
    const partner = await loadPartner(services, c.req.valid("param").id);
    const { enterpriseIds, pollSeconds } = c.req.valid("json");
    const rows = await Promise.all(
      [...new Set(enterpriseIds)].map((e) => loadEnterprise(services, partner.id, e)),
    );
    const running = await services.db
      .select({ id: bwJobs.id })
      .from(bwJobs)
      .where(and(eq(bwJobs.partnerId, partner.id), eq(bwJobs.status, "running")))
      .get();
    if (running)
      throw new ApiError(
        "CONFLICT",
        `Sync-all job ${running.id} of ${partner.name} is still running; wait for it to end.`,
      );
    const stamp = services.now().toISOString();
    const row: BwJobRow = {
      id: crypto.randomUUID(),
      partnerId: partner.id,
      status: "running",
      state: JSON.stringify(newJobState(rows, pollSeconds)),
      checkpoint: 0,
      createdBy: principal.name,
      createdAt: stamp,
      endedAt: null,
      updatedAt: stamp,
    };
    await services.db.insert(bwJobs).values(row);
    await services.env.BW_JOB_WORKFLOW.create({ id: row.id, params: { jobId: row.id } });
    return c.json(viewJob(row), 202);
  });

  app.openapi(routes.list, async (c) => {
    requireAllCustomers(c.var.principal);
    const partner = await loadPartner(c.var.services, c.req.valid("param").id);
    const q = c.req.valid("query");
    const page = await pagedRows(c.var.services.db, bwJobs, {
      columns: { createdAt: bwJobs.createdAt },
      id: bwJobs.id,
      sort: q.sort,
      defaultSort: "-createdAt",
      cursor: q.cursor,
      limit: q.limit,
      where: [eq(bwJobs.partnerId, partner.id)],
    });
    return c.json({ items: page.items.map(viewJob), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.get, async (c) => {
    requireAllCustomers(c.var.principal);
    const { id, jobId } = c.req.valid("param");
    const partner = await loadPartner(c.var.services, id);
    const row = await c.var.services.db
      .select()
      .from(bwJobs)
      .where(and(eq(bwJobs.partnerId, partner.id), eq(bwJobs.id, jobId)))
      .get();
    if (!row) throw new ApiError("NOT_FOUND", `No sync-all job ${jobId} for this partner.`);
    return c.json(viewJob(row), 200);
  });
};
