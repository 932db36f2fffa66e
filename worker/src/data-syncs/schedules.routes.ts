/**
 * @module data-syncs/schedules-routes
 * Schedules (SyncSpark-SCHED-<Name>): an interval or a cron expression, enabled or not.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { nextRun, parseCron } from "@wxsync/core/schedule";
import { and, eq } from "drizzle-orm";
import { loadCustomer, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { pagedRows, pageSchema, pagingShape } from "../lib/listing.ts";
import { bearerSecurity, errorResponses, refusalDoc } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { type ScheduleRow, schedules } from "./schema.ts";

const ScheduleSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    dataSyncId: z.string(),
    name: z.string(),
    intervalMinutes: z.number().nullable(),
    cron: z.string().nullable(),
    enabled: z.boolean(),
    nextRunAt: z.string().nullable(),
    lastRunAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Schedule");

const SchedulePatch = z
  .strictObject({
    intervalMinutes: z
      .number()
      .int()
      .min(15, "must be at least 15 minutes")
      .max(44640, "must be at most 31 days")
      .nullable()
      .optional(),
    cron: z
      .string()
      .nullable()
      .optional()
      .refine((value) => {
        if (!value) return true;
        try {
          parseCron(value);
          return true;
        } catch {
          return false;
        }
      }, "must be a five-field cron expression in UTC, such as 0 2 * * *"),
    enabled: z.boolean().optional(),
  })
  .openapi("SchedulePatch");

const Params = z.object({
  id: IdParam.shape.id,
  scheduleId: z
    .uuid({ error: "must be a schedule id (a UUID)" })
    .openapi({ param: { name: "scheduleId", in: "path" } }),
});
const tags = ["Data syncs"];
const notFound = {
  404: refusalDoc("No such customer or schedule (or the customer is not in the API key's scope)"),
};

const routes = {
  list: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/schedules",
    tags,
    summary: "The customer's sync schedules",
    security: bearerSecurity,
    request: { params: IdParam, query: z.object(pagingShape(["name", "nextRunAt"], "name")) },
    responses: {
      200: { description: "Schedules", content: jsonContent(pageSchema(ScheduleSchema)) },
      ...errorResponses,
      ...notFound,
    },
  }),
  patch: createRoute({
    method: "patch",
    path: "/api/v1/customers/{id}/schedules/{scheduleId}",
    tags,
    summary: "Change when a schedule runs, or turn it off",
    security: bearerSecurity,
    middleware: [requireRole("admin")] as const,
    request: { params: Params, body: jsonBody(SchedulePatch) },
    responses: {
      200: { description: "Updated", content: jsonContent(ScheduleSchema) },
      ...errorResponses,
      ...notFound,
    },
  }),
};

export const registerScheduleRoutes = (app: App) => {
  app.openapi(routes.list, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    const q = c.req.valid("query");
    const page = await pagedRows(c.var.services.db, schedules, {
      columns: { name: schedules.name, nextRunAt: schedules.nextRunAt },
      id: schedules.id,
      sort: q.sort,
      defaultSort: "name",
      cursor: q.cursor,
      limit: q.limit,
      where: [eq(schedules.customerId, customer.id)],
    });
    return c.json(page, 200);
  });

  app.openapi(routes.patch, async (c) => {
    const { services } = c.var;
    const { id, scheduleId } = c.req.valid("param");
    const customer = await loadCustomer(services, c.var.principal, id);
    const current = await services.db
      .select()
      .from(schedules)
      .where(and(eq(schedules.id, scheduleId), eq(schedules.customerId, customer.id)))
      .get();
    if (!current) throw new ApiError("NOT_FOUND", `No schedule with id ${scheduleId} for this customer.`);
    const body = c.req.valid("json");
    const next: ScheduleRow = { ...current, ...body, updatedAt: services.now().toISOString() };
    if (body.cron) next.intervalMinutes = null;
    else if (body.intervalMinutes) next.cron = null;
    if (!next.cron && !next.intervalMinutes)
      throw new ApiError("BAD_REQUEST", "body: give intervalMinutes or cron; a schedule needs one of them.");
    next.nextRunAt = nextRun(next, services.now()).toISOString();
    await services.db.update(schedules).set(next).where(eq(schedules.id, current.id)).run();
    return c.json(next, 200);
  });
};
