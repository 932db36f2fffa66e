/**
 * @module broadworks/enterprises-routes
 * `/api/v1/partners/{id}/broadworks/...`: the partner's enterprises and their directory sync state — list,
 * detail with every status seen, refresh from Webex, and the cluster each runs on.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { contains, pagedRows, pageSchema, pagingShape } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { bwEnterprises, bwSyncHistory } from "./schema.ts";
import { base, conflict, EnterpriseParams, loadEnterprise, missing, partnerFor, tags } from "./shared.ts";
import { refreshEnterprises } from "./store.ts";
import {
  EnterpriseSchema,
  ExplainedErrorSchema,
  explainErrors,
  parseStatus,
  viewEnterprise,
} from "./view.ts";

const routes = {
  list: createRoute({
    method: "get",
    path: `${base}/enterprises`,
    tags,
    summary: "The partner's BroadWorks enterprises with directory sync state, schedule and warnings",
    security: bearerSecurity,
    request: {
      params: IdParam,
      query: z.object({
        q: z
          .string()
          .max(200, "must be at most 200 characters")
          .optional()
          .openapi({ description: "Text in spEnterpriseId." }),
        enabled: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
        syncStatus: z.string().max(50, "must be at most 50 characters").optional(),
        cluster: z.string().max(100, "must be at most 100 characters").optional(),
        ...pagingShape(["spEnterpriseId", "refreshedAt"], "spEnterpriseId"),
      }),
    },
    responses: {
      200: { description: "Enterprises", content: jsonContent(pageSchema(EnterpriseSchema)) },
      ...errorResponses,
      ...missing,
    },
  }),
  refresh: createRoute({
    method: "post",
    path: `${base}/refresh`,
    tags,
    summary:
      "Pull enterprises and their directory sync status from Webex now (the cron pulls all every 30 minutes)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: IdParam,
      query: z.object({
        spEnterpriseId: z
          .string()
          .min(1, "must not be empty")
          .max(300, "must be at most 300 characters")
          .optional(),
        startsWith: z
          .string()
          .min(1, "must not be empty")
          .max(300, "must be at most 300 characters")
          .optional()
          .openapi({
            description: "Only enterprises whose spEnterpriseId starts with this (Webex's filter).",
          }),
      }),
    },
    responses: {
      200: { description: "Pulled", content: jsonContent(z.object({ enterprises: z.number() })) },
      ...errorResponses,
      ...missing,
      ...conflict,
    },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/enterprises/{enterpriseId}`,
    tags,
    summary: "One enterprise with every directory sync status seen",
    security: bearerSecurity,
    request: { params: EnterpriseParams },
    responses: {
      200: {
        description: "The enterprise",
        content: jsonContent(
          EnterpriseSchema.extend({
            history: z.array(
              z.object({
                startedAt: z.string(),
                endedAt: z.string().nullable(),
                syncStatus: z.string(),
                trackingId: z.string().nullable(),
                counts: z.record(z.string(), z.unknown()),
                errors: z.array(ExplainedErrorSchema),
                seenAt: z.string(),
              }),
            ),
          }),
        ),
      },
      ...errorResponses,
      ...missing,
    },
  }),
  patch: createRoute({
    method: "patch",
    path: `${base}/enterprises/{enterpriseId}`,
    tags,
    summary:
      "Set the enterprise's BroadWorks cluster (Webex does not report it; sync-all runs one per cluster)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: EnterpriseParams,
      body: jsonBody(
        z.strictObject({
          cluster: z
            .string()
            .trim()
            .min(1, "must not be empty")
            .max(100, "must be at most 100 characters")
            .nullable(),
        }),
      ),
    },
    responses: {
      200: { description: "Updated", content: jsonContent(EnterpriseSchema) },
      ...errorResponses,
      ...missing,
    },
  }),
};

export const registerBroadworksEnterpriseRoutes = (app: App) => {
  app.openapi(routes.list, async (c) => {
    const partner = await partnerFor(c.var.principal, c.var.services, c.req.valid("param").id);
    const q = c.req.valid("query");
    const filters: (SQL | undefined)[] = [
      eq(bwEnterprises.partnerId, partner.id),
      q.q ? contains(bwEnterprises.spEnterpriseId, q.q) : undefined,
      q.enabled ? eq(bwEnterprises.enabled, q.enabled === "true") : undefined,
      q.syncStatus ? eq(bwEnterprises.syncStatus, q.syncStatus) : undefined,
      q.cluster ? eq(bwEnterprises.cluster, q.cluster) : undefined,
    ];
    const page = await pagedRows(c.var.services.db, bwEnterprises, {
      columns: { spEnterpriseId: bwEnterprises.spEnterpriseId, refreshedAt: bwEnterprises.refreshedAt },
      id: bwEnterprises.id,
      sort: q.sort,
      defaultSort: "spEnterpriseId",
      cursor: q.cursor,
      limit: q.limit,
      where: filters,
    });
    const now = c.var.services.now();
    return c.json({ items: page.items.map((r) => viewEnterprise(r, now)), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.refresh, async (c) => {
    const partner = await partnerFor(c.var.principal, c.var.services, c.req.valid("param").id);
    return c.json(
      { enterprises: await refreshEnterprises(c.var.services, partner, c.req.valid("query")) },
      200,
    );
  });

  app.openapi(routes.get, async (c) => {
    const { id, enterpriseId } = c.req.valid("param");
    const partner = await partnerFor(c.var.principal, c.var.services, id);
    const row = await loadEnterprise(c.var.services, partner.id, enterpriseId);
    const history = await c.var.services.db
      .select()
      .from(bwSyncHistory)
      .where(and(eq(bwSyncHistory.partnerId, partner.id), eq(bwSyncHistory.enterpriseId, enterpriseId)))
      .orderBy(desc(bwSyncHistory.startedAt), desc(bwSyncHistory.id))
      .limit(200)
      .all();
    return c.json(
      {
        ...viewEnterprise(row, c.var.services.now()),
        history: history.map((h) => {
          const { errors: _errors, ...counts } = JSON.parse(h.status) as Record<string, unknown>;
          return {
            startedAt: h.startedAt,
            endedAt: h.endedAt,
            syncStatus: h.syncStatus,
            trackingId: h.trackingId,
            counts,
            errors: explainErrors(parseStatus(h)),
            seenAt: h.seenAt,
          };
        }),
      },
      200,
    );
  });

  app.openapi(routes.patch, async (c) => {
    const { id, enterpriseId } = c.req.valid("param");
    const partner = await partnerFor(c.var.principal, c.var.services, id);
    const row = await loadEnterprise(c.var.services, partner.id, enterpriseId);
    const { cluster } = c.req.valid("json");
    const next = { cluster, clusterSource: cluster === null ? null : ("admin" as const) };
    await c.var.services.db
      .update(bwEnterprises)
      .set(next)
      .where(and(eq(bwEnterprises.partnerId, partner.id), eq(bwEnterprises.id, row.id)))
      .run();
    return c.json(viewEnterprise({ ...row, ...next }, c.var.services.now()), 200);
  });
};
