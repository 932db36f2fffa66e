/**
 * @module customers/view
 * The customer resource as the API shows it: the record, its token health (its own grant, or its partner's),
 * and never a token.
 */
import { z } from "@hono/zod-openapi";
import { and, eq, or, sql } from "drizzle-orm";
import { inList } from "../db/in-list.ts";
import { TOKEN_STATUSES, tokenHealth } from "../grants/health.ts";
import { type GrantRow, webexGrants } from "../grants/schema.ts";
import type { Services } from "../lib/services.ts";
import { syncRuns } from "../sync/schema.ts";
import { type CustomerRow, DEFAULT_CALLING_BEHAVIOURS } from "./schema.ts";

export const TokenHealthSchema = z
  .object({
    status: z.enum(TOKEN_STATUSES),
    kind: z.enum(["integration", "service_app"]).nullable(),
    via: z.enum(["own", "partner"]).nullable(),
    accessTokenExpiresAt: z.string().nullable(),
    refreshTokenExpiresAt: z.string().nullable(),
    refreshTokenDaysLeft: z.number().int().nullable(),
    lastRefresh: z.object({
      at: z.string().nullable(),
      outcome: z.enum(["ok", "failed", "revoked"]).nullable(),
      message: z.string().nullable(),
    }),
  })
  .openapi("TokenHealth");

export const CustomerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    orgId: z.string().openapi({ description: "The Webex API's organization id (base64)." }),
    orgUuid: z
      .string()
      .openapi({ description: "The organization UUID Control Hub shows on its Account page." }),
    adminEmail: z.string().nullable(),
    defaultCallingBehaviour: z.enum(DEFAULT_CALLING_BEHAVIOURS).nullable(),
    emailDomain: z.string().nullable(),
    dirsyncEnabled: z.boolean(),
    notes: z.string().nullable(),
    syncOnCreate: z.boolean(),
    partnerId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    tokenHealth: TokenHealthSchema,
    lastRun: z
      .object({ id: z.string(), status: z.string(), createdAt: z.string(), endedAt: z.string().nullable() })
      .nullable()
      .openapi({ description: "The customer's newest sync run, or null before the first." }),
    links: z.object({ connect: z.string(), refreshTokens: z.string() }),
  })
  .openapi("Customer");

export type CustomerView = z.infer<typeof CustomerSchema>;

/** Loads the grants that serve these customers: their own, and their partners'. */
export async function grantsFor(services: Services, rows: CustomerRow[]) {
  const customerIds = rows.map((r) => r.id);
  const partnerIds = [...new Set(rows.map((r) => r.partnerId).filter((id): id is string => !!id))];
  if (rows.length === 0) return new Map<string, GrantRow>();
  const conditions = [and(eq(webexGrants.ownerType, "customer"), inList(webexGrants.ownerId, customerIds))];
  if (partnerIds.length > 0)
    conditions.push(and(eq(webexGrants.ownerType, "partner"), inList(webexGrants.ownerId, partnerIds)));
  const grants = await services.db
    .select()
    .from(webexGrants)
    .where(or(...conditions))
    .all();
  return new Map(grants.map((g) => [`${g.ownerType}:${g.ownerId}`, g]));
}

type LastRun = CustomerView["lastRun"];

/** Each customer's newest run, in one statement whatever the number of customers. */
async function lastRuns(services: Services, rows: CustomerRow[]): Promise<Map<string, NonNullable<LastRun>>> {
  if (rows.length === 0) return new Map();
  const found = await services.db
    .select({
      customerId: syncRuns.customerId,
      id: syncRuns.id,
      status: syncRuns.status,
      createdAt: syncRuns.createdAt,
      endedAt: syncRuns.endedAt,
    })
    .from(syncRuns)
    .where(
      and(
        inList(
          syncRuns.customerId,
          rows.map((r) => r.id),
        ),
        sql`${syncRuns.createdAt} = (SELECT max(r2.created_at) FROM ${syncRuns} r2 WHERE r2.customer_id = ${syncRuns.customerId})`,
      ),
    )
    .all();
  return new Map(found.map(({ customerId, ...run }) => [customerId, run]));
}

export function toCustomerView(
  row: CustomerRow,
  grants: Map<string, GrantRow>,
  now: Date,
  lastRun: LastRun = null,
): CustomerView {
  const own = grants.get(`customer:${row.id}`);
  const partner = row.partnerId ? grants.get(`partner:${row.partnerId}`) : undefined;
  return {
    ...row,
    tokenHealth: own
      ? tokenHealth(own, now, "own")
      : partner
        ? tokenHealth(partner, now, "partner")
        : tokenHealth(null, now),
    lastRun,
    links: {
      connect: `/api/v1/customers/${row.id}/connect`,
      refreshTokens: `/api/v1/customers/${row.id}/tokens/refresh`,
    },
  };
}

export async function viewCustomers(services: Services, rows: CustomerRow[]): Promise<CustomerView[]> {
  const [grants, runs] = await Promise.all([grantsFor(services, rows), lastRuns(services, rows)]);
  const now = services.now();
  return rows.map((row) => toCustomerView(row, grants, now, runs.get(row.id) ?? null));
}
