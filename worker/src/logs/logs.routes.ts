/**
 * @module logs/routes
 * `GET /api/v1/logs` and `/api/v1/logs.csv`: every sync, action, token event and Webex error, filterable
 * the way a support call needs (when, which customer, which model or device, which Webex error).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { everyPage } from "@wxsync/core/csv";
import { eq, gte, lte, or, type SQL } from "drizzle-orm";
import { type ApiPrincipal, canSeeCustomer, customerScopeFilter } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError } from "../lib/errors.ts";
import { csvTwin } from "../lib/exports.ts";
import {
  contains,
  cursorParam,
  MAX_PAGE,
  pagedRows,
  pageLimit,
  pageSchema,
  sortParam,
} from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { LOG_KINDS, LOG_LEVELS, logs } from "./schema.ts";
import { normaliseMac } from "./write.ts";

export const LogSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    level: z.enum(LOG_LEVELS),
    kind: z.enum(LOG_KINDS),
    message: z.string(),
    customerId: z.string().nullable(),
    partnerId: z.string().nullable(),
    model: z.string().nullable(),
    deviceId: z.string().nullable(),
    mac: z.string().nullable(),
    runId: z.string().nullable(),
    transactionId: z.string().nullable(),
    webexStatus: z.number().int().nullable(),
    webexErrorCode: z.string().nullable(),
    webexTrackingId: z.string().nullable(),
  })
  .openapi("LogEntry");

const dateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-11-24T00:00:00Z" })
  .optional();

const Query = z.object({
  from: dateTime.openapi({ description: "Entries at or after this time." }),
  to: dateTime.openapi({ description: "Entries at or before this time." }),
  customerId: z.uuid({ error: "must be a customer id" }).optional(),
  model: z.string().max(100, "must be at most 100 characters").optional(),
  device: z
    .string()
    .max(200, "must be at most 200 characters")
    .optional()
    .openapi({ description: "A device id, or a MAC address written any way (00:1A:2B…, 001a2b…)." }),
  code: z
    .string()
    .max(100, "must be at most 100 characters")
    .optional()
    .openapi({ description: "A Webex HTTP status (429) or Webex error code." }),
  trackingId: z.string().max(200, "must be at most 200 characters").optional(),
  runId: z.uuid({ error: "must be a run id" }).optional(),
  level: z.enum(LOG_LEVELS).optional(),
  kind: z.enum(LOG_KINDS).optional(),
  q: z
    .string()
    .max(200, "must be at most 200 characters")
    .optional()
    .openapi({ description: "Text in the message." }),
  sort: sortParam(["id", "at"], "-id (newest first)"),
  limit: pageLimit(100),
  cursor: cursorParam,
});

const list = createRoute({
  method: "get",
  path: "/api/v1/logs",
  tags: ["Logs"],
  summary: "Syncs, actions, token events and Webex errors, newest first",
  security: bearerSecurity,
  request: { query: Query },
  responses: {
    200: { description: "Log entries", content: jsonContent(pageSchema(LogSchema)) },
    ...errorResponses,
  },
});
const exportCsv = createRoute({
  ...csvTwin(list, "The log as CSV (same filters)"),
  request: { query: Query.omit({ limit: true, cursor: true }).extend({ bom: bomParam }) },
});

type Filters = Omit<z.infer<typeof Query>, "limit" | "cursor">;

async function page(
  services: Services,
  principal: ApiPrincipal,
  q: Filters & { limit: number; cursor?: string },
) {
  if (q.customerId && !canSeeCustomer(principal, q.customerId))
    throw new ApiError("NOT_FOUND", `No customer with id ${q.customerId}.`);
  const device = q.device?.trim();
  const conditions: (SQL | undefined)[] = [
    q.from ? gte(logs.at, new Date(q.from).toISOString()) : undefined,
    q.to ? lte(logs.at, new Date(q.to).toISOString()) : undefined,
    q.customerId ? eq(logs.customerId, q.customerId) : undefined,
    q.model ? eq(logs.model, q.model) : undefined,
    device
      ? or(eq(logs.deviceId, device), normaliseMac(device) ? eq(logs.mac, normaliseMac(device)) : undefined)
      : undefined,
    q.code
      ? or(
          eq(logs.webexErrorCode, q.code),
          /^\d{3}$/.test(q.code) ? eq(logs.webexStatus, Number(q.code)) : undefined,
        )
      : undefined,
    q.trackingId ? eq(logs.webexTrackingId, q.trackingId) : undefined,
    q.runId ? eq(logs.runId, q.runId) : undefined,
    q.level ? eq(logs.level, q.level) : undefined,
    q.kind ? eq(logs.kind, q.kind) : undefined,
    q.q ? contains(logs.message, q.q) : undefined,
    // Scoped keys see their customers' entries only, never partner-wide ones.
    customerScopeFilter(principal, logs.customerId),
  ];
  return pagedRows(services.db, logs, {
    columns: { id: logs.id, at: logs.at },
    id: logs.id,
    sort: q.sort,
    defaultSort: "-id",
    cursor: q.cursor,
    limit: q.limit,
    where: conditions,
  });
}

const CSV_COLUMNS = [
  "at",
  "level",
  "kind",
  "message",
  "customerId",
  "model",
  "deviceId",
  "mac",
  "webexStatus",
  "webexErrorCode",
  "webexTrackingId",
  "runId",
  "transactionId",
  "partnerId",
  "id",
].map((name) => ({ name }));

export const registerLogRoutes = (app: App) => {
  app.openapi(list, async (c) =>
    c.json(await page(c.var.services, c.var.principal, c.req.valid("query")), 200),
  );
  app.openapi(exportCsv, async (c) => {
    const { bom, ...filters } = c.req.valid("query");
    const { services, principal } = c.var;
    // Validates the filters (and scope) before the first byte is sent.
    const first = await page(services, principal, { ...filters, limit: MAX_PAGE });
    return csvResponse(c, {
      fileName: csvFileName(["wxsync-logs"], services.now()),
      columns: CSV_COLUMNS,
      bom: bom === "true",
      pages: everyPage((cursor) =>
        cursor ? page(services, principal, { ...filters, limit: MAX_PAGE, cursor }) : Promise.resolve(first),
      ),
    });
  });
};
