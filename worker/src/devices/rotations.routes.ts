/**
 * @module devices/rotations-routes
 * Bulk SIP password rotation per customer or location as a durable job: start, progress, each device's result,
 * cancel.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { everyPage } from "@wxsync/core/csv";
import { and, eq } from "drizzle-orm";
import { loadCustomer, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError } from "../lib/errors.ts";
import { csvTwin } from "../lib/exports.ts";
import { JobParams, jobReadRoutes } from "../lib/job-routes.ts";
import { MAX_PAGE, pagedRows, pageSchema } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { cancelRotation, startRotationJob } from "./rotation.ts";
import { ITEM_CSV_COLUMNS, ItemSchema, ItemsQuery, itemsPage, JobSchema, viewJob } from "./rotation-view.ts";
import { sipRotationJobs as jobs } from "./schema.ts";
import { refusals, Source, tags } from "./shared.ts";

const rotations = "/api/v1/customers/{id}/sip-rotations";

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
  ...jobReadRoutes({
    path: rotations,
    tags,
    schema: JobSchema,
    summaries: {
      list: "The customer's bulk rotations, newest first",
      get: "One bulk rotation and its progress",
    },
    errors: refusals,
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
