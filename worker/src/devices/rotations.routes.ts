/**
 * @module devices/rotations-routes
 * Bulk SIP password rotation per customer or location as a durable job: start, progress, each device's result,
 * cancel.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { type CsvColumn, everyPage } from "@wxsync/core/csv";
import { and, eq, sql } from "drizzle-orm";
import { requireRole } from "../api-keys/auth.ts";
import { loadCustomer } from "../customers/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError } from "../lib/errors.ts";
import { csvTwin } from "../lib/exports.ts";
import { MAX_PAGE, pagedRows, pageSchema, pagingShape } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { cancelRotation, startRotationJob } from "./rotation.ts";
import {
  sipRotationItems as items,
  sipRotationJobs as jobs,
  ROTATION_ITEM_STATES,
  ROTATION_JOB_STATUSES,
  type SipRotationItemRow,
  type SipRotationJobRow,
} from "./schema.ts";
import { refusals, Source, tags } from "./shared.ts";

const rotations = "/api/v1/customers/{id}/sip-rotations";

const JobSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    locationId: z.string().nullable(),
    source: z.enum(["webex", "local"]),
    status: z.enum(ROTATION_JOB_STATUSES),
    message: z.string().nullable(),
    progress: z.object({
      total: z.number(),
      done: z.number(),
      failed: z.number(),
      remaining: z.number(),
      percent: z.number(),
    }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("SipRotationJob");

const ItemSchema = z
  .object({
    deviceId: z.string(),
    deviceName: z.string().nullable(),
    mac: z.string().nullable(),
    locationId: z.string().nullable(),
    state: z.enum(ROTATION_ITEM_STATES),
    attempts: z.number(),
    webexStatus: z.number().nullable(),
    webexErrorCode: z.string().nullable(),
    trackingId: z.string().nullable(),
    message: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .openapi("SipRotationItem");

async function viewJob(services: Services, row: SipRotationJobRow): Promise<z.infer<typeof JobSchema>> {
  const counts = await services.db
    .select({ state: items.state, n: sql<number>`count(*)` })
    .from(items)
    .where(eq(items.jobId, row.id))
    .groupBy(items.state)
    .all();
  const count = (state: string) => counts.find((c) => c.state === state)?.n ?? 0;
  const done = count("done");
  const failed = count("failed");
  const { runner: _runner, resumes: _resumes, total, ...rest } = row;
  return {
    ...rest,
    progress: {
      total,
      done,
      failed,
      remaining: total - done - failed,
      percent: total ? Math.round(((done + failed) / total) * 100) : 100,
    },
  };
}

const ItemsQuery = z.object({
  ...pagingShape(["deviceId"], "deviceId"),
  state: z.enum(ROTATION_ITEM_STATES, { error: "must be pending, sent, done or failed" }).optional(),
});

/** One page of a job's devices; the JSON list and its CSV twin both read through here. */
async function itemsPage(
  services: Services,
  jobId: string,
  q: { sort?: string | undefined; cursor?: string | undefined; limit: number; state?: string | undefined },
) {
  const state = ROTATION_ITEM_STATES.find((s) => s === q.state);
  const page = await pagedRows(services.db, items, {
    columns: { deviceId: items.deviceId },
    id: items.deviceId,
    sort: q.sort,
    defaultSort: "deviceId",
    cursor: q.cursor,
    limit: q.limit,
    where: [eq(items.jobId, jobId), ...(state ? [eq(items.state, state)] : [])],
  });
  return { items: page.items.map(({ jobId: _job, ...item }) => item), nextCursor: page.nextCursor };
}

const ITEM_CSV_COLUMNS: CsvColumn<Omit<SipRotationItemRow, "jobId">>[] = [
  { name: "deviceName", header: "Device" },
  { name: "deviceId", header: "Device ID" },
  { name: "mac", header: "MAC" },
  { name: "locationId", header: "Location ID" },
  { name: "state", header: "Result" },
  { name: "attempts", header: "Attempts" },
  { name: "trackingId", header: "Webex tracking ID" },
  { name: "webexStatus", header: "Webex status" },
  { name: "webexErrorCode", header: "Webex error code" },
  { name: "message", header: "Message" },
  { name: "endedAt", header: "Ended at" },
];

const JobParams = IdParam.extend({
  jobId: z.uuid({ error: "must be a job id (a UUID)" }).openapi({ param: { name: "jobId", in: "path" } }),
});

const routes = {
  start: createRoute({
    method: "post",
    path: rotations,
    tags,
    summary: "Rotate the SIP passwords of every partner-managed device of the customer, or of one location",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: IdParam,
      body: jsonBody(
        z.strictObject({
          locationId: z
            .string()
            .min(1, "must not be empty")
            .max(300, "must be at most 300 characters")
            .optional()
            .openapi({ description: "Only this location's devices; all of the customer's when absent." }),
          source: Source,
        }),
      ),
    },
    responses: {
      202: { description: "Started", content: jsonContent(JobSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
  list: createRoute({
    method: "get",
    path: rotations,
    tags,
    summary: "The customer's bulk rotations, newest first",
    security: bearerSecurity,
    request: { params: IdParam, query: z.object(pagingShape(["createdAt"], "-createdAt")) },
    responses: {
      200: { description: "Jobs", content: jsonContent(pageSchema(JobSchema)) },
      ...errorResponses,
      ...refusals,
    },
  }),
  get: createRoute({
    method: "get",
    path: `${rotations}/{jobId}`,
    tags,
    summary: "One bulk rotation and its progress",
    security: bearerSecurity,
    request: { params: JobParams },
    responses: {
      200: { description: "The job", content: jsonContent(JobSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
  cancel: createRoute({
    method: "post",
    path: `${rotations}/{jobId}/cancel`,
    tags,
    summary: "Stop a running bulk rotation (devices already sent keep their sealed password)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: JobParams },
    responses: {
      200: { description: "Cancelled", content: jsonContent(JobSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
  items: createRoute({
    method: "get",
    path: `${rotations}/{jobId}/devices`,
    tags,
    summary: "The result for each device of a bulk rotation",
    security: bearerSecurity,
    request: { params: JobParams, query: ItemsQuery },
    responses: {
      200: { description: "Devices", content: jsonContent(pageSchema(ItemSchema)) },
      ...errorResponses,
      ...refusals,
    },
  }),
  itemsCsv: createRoute({
    ...csvTwin(
      { path: `${rotations}/{jobId}/devices`, tags, security: bearerSecurity },
      "The result for each device of a bulk rotation, as CSV",
    ),
    request: {
      params: JobParams,
      query: ItemsQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam }),
    },
  }),
};

async function loadJob(services: Services, customerId: string, jobId: string) {
  const row = await services.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.customerId, customerId), eq(jobs.id, jobId)))
    .get();
  if (!row) throw new ApiError("NOT_FOUND", `No bulk rotation ${jobId} for this customer.`);
  return row;
}

export const registerRotationRoutes = (app: App) => {
  app.openapi(routes.start, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    const job = await startRotationJob(services, principal, customer, c.req.valid("json"));
    return c.json(await viewJob(services, job), 202);
  });

  app.openapi(routes.list, async (c) => {
    const { services } = c.var;
    const customer = await loadCustomer(services, c.var.principal, c.req.valid("param").id);
    const q = c.req.valid("query");
    const page = await pagedRows(services.db, jobs, {
      columns: { createdAt: jobs.createdAt },
      id: jobs.id,
      sort: q.sort,
      defaultSort: "-createdAt",
      cursor: q.cursor,
      limit: q.limit,
      where: [eq(jobs.customerId, customer.id)],
    });
    return c.json(
      {
        items: await Promise.all(page.items.map((row) => viewJob(services, row))),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(routes.get, async (c) => {
    const { services } = c.var;
    const { id, jobId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    return c.json(await viewJob(services, await loadJob(services, customer.id, jobId)), 200);
  });

  app.openapi(routes.cancel, async (c) => {
    const { services, principal } = c.var;
    const { id, jobId } = c.req.valid("param");
    const customer = await loadCustomer(services, principal, id);
    const job = await loadJob(services, customer.id, jobId);
    if (!(await cancelRotation(services, principal, customer, job.id)))
      throw new ApiError("CONFLICT", `Bulk rotation ${job.id} is not running (it is ${job.status}).`);
    return c.json(await viewJob(services, await loadJob(services, customer.id, jobId)), 200);
  });

  app.openapi(routes.items, async (c) => {
    const { services } = c.var;
    const { id, jobId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    const job = await loadJob(services, customer.id, jobId);
    return c.json(await itemsPage(services, job.id, c.req.valid("query")), 200);
  });

  app.openapi(routes.itemsCsv, async (c) => {
    const { services } = c.var;
    const { id, jobId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    const job = await loadJob(services, customer.id, jobId);
    const { bom, ...filters } = c.req.valid("query");
    return csvResponse(c, {
      fileName: csvFileName([customer.name, "SipRotation", job.id.slice(0, 8)], services.now()),
      columns: ITEM_CSV_COLUMNS,
      bom: bom === "true",
      pages: everyPage((cursor) => itemsPage(services, job.id, { ...filters, limit: MAX_PAGE, cursor })),
    });
  });
};
