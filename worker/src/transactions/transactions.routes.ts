/**
 * @module transactions/routes
 * `GET /api/v1/transactions` (and `.csv`): what wxsync did and is doing, newest first.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { everyPage } from "@wxsync/core/csv";
import { eq, gte, lte } from "drizzle-orm";
import { type ApiPrincipal, canSeeCustomer, customerScopeFilter } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError } from "../lib/errors.ts";
import { csvTwin } from "../lib/exports.ts";
import { cursorParam, MAX_PAGE, pagedRows, pageLimit, pageSchema, sortParam } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { TRANSACTION_STATUSES, TRANSACTION_TYPES, transactions } from "./schema.ts";

export const TransactionSchema = z
  .object({
    id: z.string(),
    customerId: z.string().nullable(),
    partnerId: z.string().nullable(),
    type: z.enum(TRANSACTION_TYPES),
    status: z.enum(TRANSACTION_STATUSES),
    progress: z.number().int(),
    description: z.string(),
    message: z.string().nullable(),
    webexTrackingId: z.string().nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .openapi("Transaction");

const dateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-11-24T00:00:00Z" })
  .optional();

const Query = z.object({
  customerId: z.uuid({ error: "must be a customer id" }).optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  status: z.enum(TRANSACTION_STATUSES).optional(),
  from: dateTime.openapi({ description: "Started at or after this time." }),
  to: dateTime.openapi({ description: "Started at or before this time." }),
  sort: sortParam(["startedAt"], "-startedAt (newest first)"),
  limit: pageLimit(100),
  cursor: cursorParam,
});

const list = createRoute({
  method: "get",
  path: "/api/v1/transactions",
  tags: ["Transactions"],
  summary: "Token retrievals, refreshes, syncs and actions, newest first",
  security: bearerSecurity,
  request: { query: Query },
  responses: {
    200: { description: "Transactions", content: jsonContent(pageSchema(TransactionSchema)) },
    ...errorResponses,
  },
});
const exportCsv = createRoute({
  ...csvTwin(list, "Transactions as CSV (same filters)"),
  request: { query: Query.omit({ limit: true, cursor: true }).extend({ bom: bomParam }) },
});

async function page(
  services: Services,
  principal: ApiPrincipal,
  q: Omit<z.infer<typeof Query>, "limit" | "cursor"> & { limit: number; cursor?: string },
) {
  if (q.customerId && !canSeeCustomer(principal, q.customerId))
    throw new ApiError("NOT_FOUND", `No customer with id ${q.customerId}.`);
  return pagedRows(services.db, transactions, {
    columns: { startedAt: transactions.startedAt },
    id: transactions.id,
    sort: q.sort,
    defaultSort: "-startedAt",
    cursor: q.cursor,
    limit: q.limit,
    where: [
      q.customerId ? eq(transactions.customerId, q.customerId) : undefined,
      q.type ? eq(transactions.type, q.type) : undefined,
      q.status ? eq(transactions.status, q.status) : undefined,
      q.from ? gte(transactions.startedAt, new Date(q.from).toISOString()) : undefined,
      q.to ? lte(transactions.startedAt, new Date(q.to).toISOString()) : undefined,
      // Scoped keys see their customers' transactions only (not partner-level ones).
      customerScopeFilter(principal, transactions.customerId),
    ],
  });
}

const CSV_COLUMNS = [
  "startedAt",
  "endedAt",
  "type",
  "status",
  "progress",
  "description",
  "message",
  "webexTrackingId",
  "customerId",
  "partnerId",
  "id",
].map((name) => ({ name }));

export const registerTransactionRoutes = (app: App) => {
  app.openapi(list, async (c) =>
    c.json(await page(c.var.services, c.var.principal, c.req.valid("query")), 200),
  );
  app.openapi(exportCsv, async (c) => {
    const { services, principal } = c.var;
    const { bom, ...filters } = c.req.valid("query");
    const read = (cursor?: string) => page(services, principal, { ...filters, limit: MAX_PAGE, cursor });
    const first = await read();
    return csvResponse(c, {
      fileName: csvFileName(["wxsync-transactions"], services.now()),
      columns: CSV_COLUMNS,
      bom: bom === "true",
      pages: everyPage((cursor) => (cursor ? read(cursor) : Promise.resolve(first))),
    });
  });
};
