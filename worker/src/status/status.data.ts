/**
 * @module status/data
 * What the status page shows, read in a handful of D1 queries whatever the number of customers: none of them
 * binds a parameter per customer or per model, so D1's 100-bound-parameter limit is never reached.
 */
import { MODEL_NAMES, type ModelName } from "@wxsync/core/models";
import { and, asc, eq, isNotNull, max, min, sql } from "drizzle-orm";
import { customers } from "../customers/schema.ts";
import { toCustomerView } from "../customers/view.ts";
import { schedules } from "../data-syncs/schema.ts";
import { tokenHealth } from "../grants/health.ts";
import { webexGrants } from "../grants/schema.ts";
import { type ApiPrincipal, customerScopeFilter } from "../lib/access.ts";
import type { Services } from "../lib/services.ts";
import { partners } from "../partners/schema.ts";
import { syncRuns } from "../sync/schema.ts";
import { tableName } from "../sync/tables.ts";
import { readState } from "../system/state.ts";

/** Token statuses that need an administrator (not_connected is a setup step, counted apart). */
const TOKEN_PROBLEMS = new Set(["expiring", "expired", "revoked", "error"]);
const ACTIVE_RUN = new Set(["queued", "running"]);

/**
 * One statement counting every synced table per customer. D1 refuses a UNION of more than five SELECTs, so each
 * model is a scalar subquery instead: one row per customer, a column per model, each count an index range.
 */
async function objectCounts(services: Services) {
  const columns = MODEL_NAMES.map(
    (model, i) =>
      sql`(SELECT count(*) FROM ${sql.identifier(tableName(model))} AS t WHERE t.customer_id = c.id) AS ${sql.raw(`m${i}`)}`,
  );
  const rows = await services.db.all<Record<string, string | number>>(
    sql`SELECT c.id AS id, ${sql.join(columns, sql`, `)} FROM customers AS c`,
  );
  return new Map(
    rows.map((row) => {
      const counts: Partial<Record<ModelName, number>> = {};
      MODEL_NAMES.forEach((model, i) => {
        counts[model] = Number(row[`m${i}`] ?? 0);
      });
      return [String(row.id), counts];
    }),
  );
}

/** Each customer's newest run (the active one, when a run is active: only one can be). */
async function latestRuns(services: Services) {
  const newest = services.db
    .select({ customerId: syncRuns.customerId, createdAt: max(syncRuns.createdAt).as("newest_at") })
    .from(syncRuns)
    .groupBy(syncRuns.customerId)
    .as("newest");
  const rows = await services.db
    .select({
      customerId: syncRuns.customerId,
      status: syncRuns.status,
      trigger: syncRuns.trigger,
      dataSyncName: syncRuns.dataSyncName,
      progress: syncRuns.progress,
      createdAt: syncRuns.createdAt,
      endedAt: syncRuns.endedAt,
      error: syncRuns.error,
    })
    .from(syncRuns)
    .innerJoin(
      newest,
      and(eq(syncRuns.customerId, newest.customerId), eq(syncRuns.createdAt, newest.createdAt)),
    )
    .all();
  return new Map(rows.map((row) => [row.customerId, row]));
}

/** The earliest next run of each customer's enabled schedules: what the cron's due-check will pick up first. */
async function nextSyncs(services: Services) {
  const rows = await services.db
    .select({ customerId: schedules.customerId, at: min(schedules.nextRunAt) })
    .from(schedules)
    .where(and(eq(schedules.enabled, true), isNotNull(schedules.nextRunAt)))
    .groupBy(schedules.customerId)
    .all();
  return new Map(rows.map((row) => [row.customerId, row.at]));
}

export async function loadStatus(services: Services, principal: ApiPrincipal) {
  const { db } = services;
  const allCustomers = principal.scope === "all";
  const [customerRows, partnerRows, grants, runs, next, counts, lastCronAt] = await Promise.all([
    db
      .select()
      .from(customers)
      .where(customerScopeFilter(principal, customers.id))
      .orderBy(asc(customers.name)),
    // Partners span customers, so keys scoped to some customers don't see them (as in the API).
    allCustomers ? db.select().from(partners).orderBy(asc(partners.name)) : Promise.resolve([]),
    // Every grant at once: one grant per customer or partner, and no id list that could outgrow D1's limit.
    db.select().from(webexGrants),
    latestRuns(services),
    nextSyncs(services),
    objectCounts(services),
    readState(db, "lastCronAt"),
  ]);
  const now = services.now();
  const grantMap = new Map(grants.map((g) => [`${g.ownerType}:${g.ownerId}`, g]));
  const partnerNames = new Map(partnerRows.map((p) => [p.id, p.name]));

  const rows = customerRows.map((row) => {
    const modelCounts = counts.get(row.id) ?? {};
    return {
      id: row.id,
      name: row.name,
      orgId: row.orgId,
      partnerName: row.partnerId ? (partnerNames.get(row.partnerId) ?? null) : null,
      token: toCustomerView(row, grantMap, now).tokenHealth,
      lastRun: runs.get(row.id) ?? null,
      nextSyncAt: next.get(row.id) ?? null,
      counts: modelCounts,
      total: Object.values(modelCounts).reduce((sum, n) => sum + n, 0),
    };
  });

  return {
    now,
    lastCronAt,
    customers: rows,
    partners: partnerRows.map((p) => ({
      id: p.id,
      name: p.name,
      orgId: p.orgId,
      token: tokenHealth(grantMap.get(`partner:${p.id}`), now),
      customers: customerRows.filter((c) => c.partnerId === p.id).length,
    })),
    summary: {
      customers: rows.length,
      tokenProblems: rows.filter((r) => TOKEN_PROBLEMS.has(r.token.status)).length,
      notConnected: rows.filter((r) => r.token.status === "not_connected").length,
      runningSyncs: rows.filter((r) => r.lastRun && ACTIVE_RUN.has(r.lastRun.status)).length,
    },
  };
}

export type StatusData = Awaited<ReturnType<typeof loadStatus>>;
export type CustomerStatus = StatusData["customers"][number];
