/**
 * @module broadworks/actions-routes
 * What an operator does to enterprises: enable or disable directory sync for many at once, Sync now one
 * (never a second on a busy cluster), and sync a single BroadWorks user.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { setDirectorySync, syncExternalUser, syncNow } from "@wxsync/core/broadworks";
import { WebexApiError } from "@wxsync/core/webex";
import { requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { partnerClient } from "./access.ts";
import {
  base,
  conflict,
  EnterpriseIds,
  EnterpriseParams,
  loadEnterprise,
  logFailure,
  missing,
  partnerFor,
  syncingNow,
  tags,
  webexFailure,
} from "./shared.ts";
import { saveSync } from "./store.ts";
import { EnterpriseSchema, ExplainedErrorSchema, parseStatus, viewEnterprise } from "./view.ts";

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
  bulk: createRoute({
    method: "post",
    path: `${base}/directory-sync`,
    tags,
    summary: "Enable or disable directory sync for many enterprises, with a result for each",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: IdParam,
      body: jsonBody(z.strictObject({ enterpriseIds: EnterpriseIds, enabled: z.boolean() })),
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
      body: jsonBody(
        z.strictObject({
          userId: z.string().trim().min(1, "must not be empty").max(300, "must be at most 300 characters"),
        }),
      ),
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

export const registerBroadworksActionRoutes = (app: App) => {
  app.openapi(routes.bulk, async (c) => {
    const partner = await partnerFor(c.var.principal, c.var.services, c.req.valid("param").id);
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
    const partner = await partnerFor(c.var.principal, c.var.services, id);
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
    const partner = await partnerFor(c.var.principal, c.var.services, id);
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
