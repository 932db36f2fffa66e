/**
 * @module transactions/routes
 * `GET /api/v1/transactions`: what wxsync did and is doing, newest first.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import { canSeeCustomer, customerScopeFilter } from "../customers/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { jsonContent } from "../lib/params.ts";
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

const Query = z.object({
  customerId: z.uuid({ error: "must be a customer id" }).optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  status: z.enum(TRANSACTION_STATUSES).optional(),
  from: z.iso.datetime({ error: "must be an ISO 8601 date-time such as 2026-11-24T00:00:00Z" }).optional(),
  to: z.iso.datetime({ error: "must be an ISO 8601 date-time such as 2026-11-24T00:00:00Z" }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .optional()
    .openapi({ description: "Cursor: the `startedAt` of the last item of the previous page." }),
});

const route = createRoute({
  method: "get",
  path: "/api/v1/transactions",
  tags: ["Transactions"],
  summary: "Token retrievals, refreshes, syncs and actions, newest first",
  security: bearerSecurity,
  request: { query: Query },
  responses: {
    200: {
      description: "Transactions",
      content: jsonContent(
        z.object({ items: z.array(TransactionSchema), nextCursor: z.string().nullable() }),
      ),
    },
    ...errorResponses,
  },
});

export const registerTransactionRoutes = (app: App) =>
  app.openapi(route, async (c) => {
    const { services, principal } = c.var;
    const q = c.req.valid("query");
    if (q.customerId && !canSeeCustomer(principal, q.customerId))
      throw new ApiError("NOT_FOUND", `No customer with id ${q.customerId}.`);
    const conditions: (SQL | undefined)[] = [
      q.customerId ? eq(transactions.customerId, q.customerId) : undefined,
      q.type ? eq(transactions.type, q.type) : undefined,
      q.status ? eq(transactions.status, q.status) : undefined,
      q.from ? gte(transactions.startedAt, new Date(q.from).toISOString()) : undefined,
      q.to ? lte(transactions.startedAt, new Date(q.to).toISOString()) : undefined,
      q.before ? lt(transactions.startedAt, q.before) : undefined,
      // Scoped keys see their customers' transactions only (not partner-level ones).
      principal.scope === "all" ? undefined : or(customerScopeFilter(principal, transactions.customerId)),
    ];
    const rows = await services.db
      .select()
      .from(transactions)
      .where(and(...conditions))
      .orderBy(desc(transactions.startedAt))
      .limit(q.limit + 1)
      .all();
    const page = rows.slice(0, q.limit);
    return c.json(
      { items: page, nextCursor: rows.length > q.limit ? (page.at(-1)?.startedAt ?? null) : null },
      200,
    );
  });
