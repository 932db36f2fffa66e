/**
 * @module broadworks/export
 * `GET /api/v1/partners/{id}/broadworks/last-sync.csv`: the last directory sync of the selected enterprises,
 * with more than Partner Hub's export: every count, the tracking id, each error code with its explanation,
 * the times and the schedule state.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { CsvColumn } from "@wxsync/core/csv";
import { and, asc, eq } from "drizzle-orm";
import { inList } from "../db/in-list.ts";
import { requireAllCustomers } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvContent, csvFileName, csvResponse } from "../lib/csv.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam } from "../lib/params.ts";
import { loadPartner } from "../partners/partner.ts";
import { bwEnterprises } from "./schema.ts";
import { type EnterpriseView, viewEnterprise } from "./view.ts";

const COUNTS = [
  "usersAdded",
  "usersUpdated",
  "usersDeleted",
  "machinesAdded",
  "machinesUpdated",
  "machinesDeleted",
  "totalExternalUsersInCI",
  "totalExternalMachinesInCI",
  "userContactsAdded",
  "userContactsUpdated",
  "userContactsDeleted",
  "orgContactsAdded",
  "orgContactsUpdated",
  "orgContactsDeleted",
  "totalUserContactsInContactService",
  "totalOrgContactsInContactService",
];

const last = (e: EnterpriseView, key: string) => e.lastSync?.[key] ?? null;
const COLUMNS: CsvColumn<EnterpriseView>[] = [
  { name: "spEnterpriseId" },
  { name: "id", header: "Enterprise ID" },
  { name: "orgId", header: "Org ID" },
  { name: "enabled", header: "Directory sync enabled" },
  { name: "cluster" },
  { name: "syncStatus" },
  { name: "lastSyncStartTime", value: (e) => last(e, "lastSyncStartTime") },
  { name: "lastSyncEndTime", value: (e) => last(e, "lastSyncEndTime") },
  {
    name: "durationSeconds",
    header: "Duration (s)",
    value: (e) => {
      const start = Date.parse(String(last(e, "lastSyncStartTime")));
      const end = Date.parse(String(last(e, "lastSyncEndTime")));
      return Number.isNaN(start) || Number.isNaN(end) ? null : Math.round((end - start) / 1000);
    },
  },
  { name: "lastSuccessfulSyncTime", value: (e) => last(e, "lastSuccessfulSyncTime") },
  ...COUNTS.map((name) => ({ name, value: (e: EnterpriseView) => last(e, name) })),
  { name: "lastSyncTrackingId", header: "Tracking ID", value: (e) => last(e, "lastSyncTrackingId") },
  { name: "errorCodes", value: (e) => e.errors.map((x) => x.code) },
  { name: "errorExplanations", value: (e) => e.errors.map((x) => `${x.code}: ${x.meaning} ${x.action}`) },
  { name: "nextExpectedSyncAt", header: "Next weekly sync", value: (e) => e.schedule.nextExpectedSyncAt },
  { name: "retryAt", header: "Retry after failure", value: (e) => e.schedule.retryAt },
  { name: "overdue", value: (e) => e.schedule.overdue },
  { name: "contactWarnings", value: (e) => e.contactWarnings },
  { name: "refreshedAt", header: "Status read at" },
];

const route = createRoute({
  method: "get",
  path: "/api/v1/partners/{id}/broadworks/last-sync.csv",
  tags: ["BroadWorks"],
  summary:
    "The last directory sync of the selected enterprises as CSV (every count, tracking id, errors explained)",
  security: bearerSecurity,
  request: {
    params: IdParam,
    query: z.object({
      enterpriseIds: z
        .string()
        .max(100_000, "is too long")
        .optional()
        .openapi({ description: "Comma-separated enterprise ids; all of the partner's when absent." }),
      bom: bomParam,
    }),
  },
  responses: {
    200: { description: "CSV file", content: csvContent },
    ...errorResponses,
    404: { description: "No such partner or enterprise", content: errorResponses[401].content },
  },
});

export const registerBroadworksExportRoutes = (app: App) =>
  app.openapi(route, async (c) => {
    requireAllCustomers(c.var.principal);
    const { services } = c.var;
    const partner = await loadPartner(services, c.req.valid("param").id);
    const { enterpriseIds, bom } = c.req.valid("query");
    const selected = enterpriseIds
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const rows = await services.db
      .select()
      .from(bwEnterprises)
      .where(
        and(
          eq(bwEnterprises.partnerId, partner.id),
          selected ? inList(bwEnterprises.id, selected) : undefined,
        ),
      )
      .orderBy(asc(bwEnterprises.spEnterpriseId))
      .all();
    const unknown = selected?.filter((id) => !rows.some((r) => r.id === id)) ?? [];
    if (unknown.length > 0)
      throw new ApiError(
        "NOT_FOUND",
        `query.enterpriseIds: no enterprise ${unknown.slice(0, 5).join(", ")} for this partner.`,
      );
    const now = services.now();
    const views = rows.map((r) => viewEnterprise(r, now));
    return csvResponse(c, {
      fileName: csvFileName([partner.name, "BroadWorksLastSync"], now),
      columns: COLUMNS,
      bom: bom === "true",
      pages: (async function* () {
        yield views;
      })(),
    });
  });
