/**
 * @module broadworks/enterprises-routes
 * `/api/v1/partners/{id}/broadworks/...`: the partner's enterprises and their directory sync — list, detail
 * with history, refresh from Webex, cluster, bulk enable/disable, Sync now, single-user sync.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { setDirectorySync, syncExternalUser, syncNow } from "@wxsync/core/broadworks";
import { WebexApiError } from "@wxsync/core/webex";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { requireRole } from "../api-keys/auth.ts";
import { requireAllCustomers } from "../customers/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { contains, keyset, pageSchema, pagingShape } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { loadPartner } from "../partners/partner.ts";
import { partnerClient } from "./access.ts";
import { logBroadworksError } from "./job.ts";
import { bwEnterprises, bwSyncHistory } from "./schema.ts";
import { refreshEnterprises, saveSync } from "./store.ts";
import {
  EnterpriseSchema,
  ExplainedErrorSchema,
  explainErrors,
  parseStatus,
  viewEnterprise,
} from "./view.ts";

const tags = ["BroadWorks"];
const base = "/api/v1/partners/{id}/broadworks";
const missing = {
  404: { description: "No such partner or enterprise", content: errorResponses[401].content },
};
const conflict = { 409: { description: "Refused (see the message)", content: errorResponses[401].content } };
const EnterpriseParams = IdParam.extend({
  enterpriseId: z
    .string()
    .min(1, "must not be empty")
    .max(300, "must be at most 300 characters")
    .openapi({ param: { name: "enterpriseId", in: "path" } }),
});
const EnterpriseIds = z
  .array(z.string().min(1, "must not be empty").max(300, "must be at most 300 characters"))
  .min(1, "must list at least one enterprise")
  .max(500, "must list at most 500 enterprises");

export async function loadEnterprise(services: Services, partnerId: string, enterpriseId: string) {
  const row = await services.db
    .select()
    .from(bwEnterprises)
    .where(and(eq(bwEnterprises.partnerId, partnerId), eq(bwEnterprises.id, enterpriseId)))
    .get();
  if (!row)
    throw new ApiError(
      "NOT_FOUND",
      `No BroadWorks enterprise ${enterpriseId} for this partner (refresh if it is new).`,
    );
  return row;
}

/** Which enterprises of the partner are syncing right now, as far as wxsync last saw. */
async function syncingNow(services: Services, partnerId: string) {
  return services.db
    .select()
    .from(bwEnterprises)
    .where(and(eq(bwEnterprises.partnerId, partnerId), eq(bwEnterprises.syncStatus, "IN_PROGRESS")))
    .all();
}

const webexFailure = (error: unknown) => {
  const webex = error instanceof WebexApiError ? error : null;
  const code = webex?.details.code ? Number(webex.details.code) : null;
  return {
    message: error instanceof Error ? error.message : String(error),
    status: webex?.status ?? null,
    trackingId: webex?.details.trackingId ?? null,
    errors: code ? explainErrors({ errors: [{ errorCode: code, description: webex?.message }] }) : [],
  };
};

function logFailure(services: Services, partnerId: string, sp: string, what: string, error: unknown) {
  const webex = error instanceof WebexApiError ? error : null;
  return logBroadworksError(
    services,
    partnerId,
    sp,
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
    {
      status: webex?.status,
      code: webex?.details.code ? Number(webex.details.code) : undefined,
      trackingId: webex?.details.trackingId,
    },
  );
}

const ResultSchema = z
  .object({
    enterpriseId: z.string(),
    ok: z.boolean(),
    enabled: z.boolean().nullable(),
    message: z.string().nullable(),
    status: z.number().nullable().openapi({ description: "Webex's HTTP status when it refused." }),
    trackingId: z.string().nullable(),
    errors: z.array(ExplainedErrorSchema),
  })
  .openapi("BroadWorksBulkResult");

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
      body: {
        required: true,
        content: jsonContent(
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
    },
    responses: {
      200: { description: "Updated", content: jsonContent(EnterpriseSchema) },
      ...errorResponses,
      ...missing,
    },
  }),
  bulk: createRoute({
    method: "post",
    path: `${base}/directory-sync`,
    tags,
    summary: "Enable or disable directory sync for many enterprises, with a result for each",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: IdParam,
      body: {
        required: true,
        content: jsonContent(z.strictObject({ enterpriseIds: EnterpriseIds, enabled: z.boolean() })),
      },
    },
    responses: {
      200: {
        description: "One result per enterprise",
        content: jsonContent(z.object({ results: z.array(ResultSchema) })),
      },
      ...errorResponses,
      ...missing,
      ...conflict,
    },
  }),
  syncNow: createRoute({
    method: "post",
    path: `${base}/enterprises/{enterpriseId}/sync-now`,
    tags,
    summary: "Sync now (refused, naming the running sync, while its cluster runs another on-demand sync)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: EnterpriseParams },
    responses: {
      202: { description: "Started", content: jsonContent(EnterpriseSchema) },
      ...errorResponses,
      ...missing,
      ...conflict,
    },
  }),
  externalUser: createRoute({
    method: "post",
    path: `${base}/enterprises/{enterpriseId}/external-user`,
    tags,
    summary: "Directory sync of one BroadWorks user (ADD, UPDATE, DELETE or NO_OPERATION)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: EnterpriseParams,
      body: {
        required: true,
        content: jsonContent(
          z.strictObject({
            userId: z.string().trim().min(1, "must not be empty").max(300, "must be at most 300 characters"),
          }),
        ),
      },
    },
    responses: {
      200: {
        description: "What Webex did with the user",
        content: jsonContent(
          z.object({
            status: z.enum(["ADD", "UPDATE", "DELETE", "NO_OPERATION"]),
            user: z.record(z.string(), z.unknown()),
          }),
        ),
      },
      ...errorResponses,
      ...missing,
      ...conflict,
    },
  }),
};

export const registerBroadworksEnterpriseRoutes = (app: App) => {
  const partnerOf = async (
    c: { var: { services: Services; principal: Parameters<typeof requireAllCustomers>[0] } },
    id: string,
  ) => {
    // Enterprises span the partner's customers: keys scoped to some customers see no partner at all.
    requireAllCustomers(c.var.principal);
    return loadPartner(c.var.services, id);
  };

  app.openapi(routes.list, async (c) => {
    const partner = await partnerOf(c, c.req.valid("param").id);
    const q = c.req.valid("query");
    const k = keyset({
      columns: { spEnterpriseId: bwEnterprises.spEnterpriseId, refreshedAt: bwEnterprises.refreshedAt },
      id: bwEnterprises.id,
      sort: q.sort,
      defaultSort: "spEnterpriseId",
      cursor: q.cursor,
    });
    const filters: (SQL | undefined)[] = [
      eq(bwEnterprises.partnerId, partner.id),
      q.q ? contains(bwEnterprises.spEnterpriseId, q.q) : undefined,
      q.enabled ? eq(bwEnterprises.enabled, q.enabled === "true") : undefined,
      q.syncStatus ? eq(bwEnterprises.syncStatus, q.syncStatus) : undefined,
      q.cluster ? eq(bwEnterprises.cluster, q.cluster) : undefined,
      k.where,
    ];
    const rows = await c.var.services.db
      .select()
      .from(bwEnterprises)
      .where(and(...filters))
      .orderBy(...k.orderBy)
      .limit(q.limit + 1)
      .all();
    const page = k.page(rows, q.limit);
    const now = c.var.services.now();
    return c.json({ items: page.items.map((r) => viewEnterprise(r, now)), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.refresh, async (c) => {
    const partner = await partnerOf(c, c.req.valid("param").id);
    return c.json(
      { enterprises: await refreshEnterprises(c.var.services, partner, c.req.valid("query")) },
      200,
    );
  });

  app.openapi(routes.get, async (c) => {
    const { id, enterpriseId } = c.req.valid("param");
    const partner = await partnerOf(c, id);
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
    const partner = await partnerOf(c, id);
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

  app.openapi(routes.bulk, async (c) => {
    const partner = await partnerOf(c, c.req.valid("param").id);
    const { enterpriseIds, enabled } = c.req.valid("json");
    const { services } = c.var;
    const ids = [...new Set(enterpriseIds)];
    // Every id is checked before anything is sent: a typo changes nothing anywhere.
    const rows = await Promise.all(ids.map((e) => loadEnterprise(services, partner.id, e)));
    const client = await partnerClient(services, partner);
    const results: z.infer<typeof ResultSchema>[] = [];
    for (const row of rows) {
      try {
        const sync = await setDirectorySync(client, row.id, enabled);
        await saveSync(services, row, sync);
        results.push({
          enterpriseId: row.id,
          ok: true,
          enabled: sync.enableDirSync,
          message: null,
          status: null,
          trackingId: null,
          errors: [],
        });
      } catch (error) {
        const failure = webexFailure(error);
        results.push({ enterpriseId: row.id, ok: false, enabled: row.enabled, ...failure });
        await logFailure(
          services,
          partner.id,
          row.spEnterpriseId,
          `Directory sync ${enabled ? "enable" : "disable"} refused`,
          error,
        );
      }
    }
    return c.json({ results }, 200);
  });

  app.openapi(routes.syncNow, async (c) => {
    const { id, enterpriseId } = c.req.valid("param");
    const partner = await partnerOf(c, id);
    const { services } = c.var;
    const row = await loadEnterprise(services, partner.id, enterpriseId);
    const running = await syncingNow(services, partner.id);
    const name = (r: typeof row) =>
      `${r.spEnterpriseId} (started ${parseStatus(r)?.lastSyncStartTime ?? "recently"})`;
    const sameCluster = row.cluster
      ? running.filter((r) => r.cluster === row.cluster && r.id !== row.id)
      : [];
    // Webex runs one on-demand sync per cluster: wxsync does not even send a second one it knows would be refused.
    if (sameCluster.length > 0)
      throw new ApiError(
        "CONFLICT",
        `Not sent: cluster ${row.cluster} is already running a directory sync for ${sameCluster.map(name).join(", ")}. Try again when it has finished (usually a few minutes).`,
      );
    const client = await partnerClient(services, partner, { waitOnThrottle: false });
    try {
      const sync = await syncNow(client, row.id);
      await saveSync(services, row, sync);
      const fresh = await loadEnterprise(services, partner.id, row.id);
      return c.json(viewEnterprise(fresh, services.now()), 202);
    } catch (error) {
      if (
        error instanceof WebexApiError &&
        (error.status === 429 || ["600005", "600009"].includes(error.details.code ?? ""))
      ) {
        const wait = error.details.retryAfterSeconds ?? 60;
        const others = running.filter((r) => r.id !== row.id);
        c.header("Retry-After", String(wait));
        throw new ApiError(
          "CONFLICT",
          `Webex refused: the enterprise's BroadWorks cluster is already running an on-demand sync${others.length ? ` (syncing now: ${others.map(name).join(", ")})` : ""}. Try again in ${wait} s.`,
        );
      }
      const failure = webexFailure(error);
      await logFailure(services, partner.id, row.spEnterpriseId, "Sync now refused", error);
      throw new ApiError(
        error instanceof WebexApiError && error.status < 500 ? "CONFLICT" : "WEBEX_UNAVAILABLE",
        `Sync now refused by Webex: ${failure.message}${failure.errors[0] ? ` — error ${failure.errors[0].code}: ${failure.errors[0].meaning} ${failure.errors[0].action}` : ""}${failure.trackingId ? ` (tracking id ${failure.trackingId})` : ""}`,
      );
    }
  });

  app.openapi(routes.externalUser, async (c) => {
    const { id, enterpriseId } = c.req.valid("param");
    const partner = await partnerOf(c, id);
    const row = await loadEnterprise(c.var.services, partner.id, enterpriseId);
    const client = await partnerClient(c.var.services, partner);
    try {
      const result = await syncExternalUser(client, row.id, c.req.valid("json").userId);
      return c.json({ status: result.status, user: result.userResponse }, 200);
    } catch (error) {
      const failure = webexFailure(error);
      await logFailure(c.var.services, partner.id, row.spEnterpriseId, "Single-user sync refused", error);
      throw new ApiError(
        error instanceof WebexApiError && error.status < 500 ? "CONFLICT" : "WEBEX_UNAVAILABLE",
        `Single-user sync refused by Webex: ${failure.message}${failure.errors[0] ? ` — error ${failure.errors[0].code}: ${failure.errors[0].meaning} ${failure.errors[0].action}` : ""}`,
      );
    }
  });
};
