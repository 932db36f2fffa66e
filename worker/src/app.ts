/**
 * @module app
 * Builds the HTTP app: middleware, every route, the OpenAPI document and the error envelope.
 * Routes register themselves through `registerX(app)` so the whole surface reads here in a few lines.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { registerApiKeyRoutes } from "./api-keys/api-keys.routes.ts";
import { apiKeyAuth } from "./api-keys/auth.ts";
import { registerWhoami } from "./api-keys/whoami.route.ts";
import { registerBroadworksActionRoutes } from "./broadworks/actions.routes.ts";
import { registerBroadworksEnterpriseRoutes } from "./broadworks/enterprises.routes.ts";
import { registerBroadworksExportRoutes } from "./broadworks/export.routes.ts";
import { registerBroadworksJobRoutes } from "./broadworks/jobs.routes.ts";
import { registerCustomerRoutes } from "./customers/customers.routes.ts";
import { registerDataSyncRoutes } from "./data-syncs/data-syncs.routes.ts";
import { registerModelTypeListRoutes } from "./data-syncs/model-type-lists.routes.ts";
import { registerScheduleRoutes } from "./data-syncs/schedules.routes.ts";
import { registerHierarchyRoutes } from "./devices/hierarchy.routes.ts";
import { registerRotationRoutes } from "./devices/rotations.routes.ts";
import { registerSipRoutes } from "./devices/sip.routes.ts";
import { registerDeviceWriteRoutes } from "./devices/write-back.routes.ts";
import { registerDocs } from "./docs/docs.route.ts";
import { registerGrantRoutes } from "./grants/grants.routes.ts";
import { registerHealth } from "./health/health.route.ts";
import type { AppEnv } from "./lib/app-env.ts";
import { corsForOrigins } from "./lib/cors.ts";
import { errorResponse, handleError, validationHook } from "./lib/errors.ts";
import { etag } from "./lib/etag.ts";
import { documentRoles } from "./lib/role-docs.ts";
import { createServices, type WorkerDeps } from "./lib/services.ts";
import { utf8JsonBodies } from "./lib/utf8-body.ts";
import { auditActions } from "./logs/audit.ts";
import { registerLogRoutes } from "./logs/logs.routes.ts";
import { registerNotificationRoutes } from "./notifications/notifications.routes.ts";
import { registerConnectRoutes } from "./oauth/connect.routes.ts";
import { registerPartnerRoutes } from "./partners/partners.routes.ts";
import { throttleFailedAuth } from "./rate-limit/auth-failures.ts";
import { rateLimit } from "./rate-limit/middleware.ts";
import { registerReportRoutes } from "./reports/reports.routes.ts";
import { registerStatusPage } from "./status/status.route.ts";
import { registerChangeRoutes } from "./sync/changes.routes.ts";
import { registerModelExportRoutes } from "./sync/model-exports.routes.ts";
import { registerModelRoutes } from "./sync/models.routes.ts";
import { registerRunRoutes } from "./sync/runs.routes.ts";
import { registerTransactionRoutes } from "./transactions/transactions.routes.ts";
import { VERSION } from "./version.ts";

const PUBLIC_PATHS = ["/api/v1/health", "/api/v1/openapi.json", "/api/v1/docs"] as const;
/** Bodies bigger than this are refused before parsing; no wxsync request needs more. */
const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: WorkerDeps = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", requestId());
  app.use("*", async function services(c, next) {
    c.set("services", createServices(c.env, deps));
    await next();
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          "PAYLOAD_TOO_LARGE",
          `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
        ),
    }),
  );
  app.use("/api/*", corsForOrigins());
  // A client that keeps failing to authenticate is refused before its key is even looked up.
  app.use("/api/v1/*", throttleFailedAuth({ publicPaths: PUBLIC_PATHS }));
  app.use("/api/v1/*", apiKeyAuth({ publicPaths: PUBLIC_PATHS }));
  app.use("/api/v1/*", rateLimit());
  app.use("/api/v1/*", utf8JsonBodies());
  app.use("/api/v1/*", etag());
  app.use("/api/v1/*", auditActions());

  documentRoles(app);
  // system
  registerHealth(app);
  registerStatusPage(app);
  // api keys
  registerWhoami(app);
  registerApiKeyRoutes(app);
  // customers, partners and their Webex tokens
  registerCustomerRoutes(app);
  registerConnectRoutes(app);
  registerGrantRoutes(app);
  registerPartnerRoutes(app);
  // BroadWorks directory sync of the partners' enterprises
  registerBroadworksEnterpriseRoutes(app);
  registerBroadworksActionRoutes(app);
  registerBroadworksJobRoutes(app);
  registerBroadworksExportRoutes(app);
  // syncs and synced data
  registerDataSyncRoutes(app);
  registerModelTypeListRoutes(app);
  registerScheduleRoutes(app);
  registerRunRoutes(app);
  registerChangeRoutes(app);
  // CSV twins first: `{model}.csv` must not be taken for a model named "User.csv".
  registerModelExportRoutes(app);
  registerModelRoutes(app);
  registerReportRoutes(app);
  // partner-managed devices: hierarchy, SIP credentials, writes at Webex
  registerHierarchyRoutes(app);
  registerDeviceWriteRoutes(app);
  registerSipRoutes(app);
  registerRotationRoutes(app);
  // what happened
  registerTransactionRoutes(app);
  registerNotificationRoutes(app);
  registerLogRoutes(app);
  // the reference page, rendered from the OpenAPI document below
  registerDocs(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description:
      "A wxsync API key (wxs_...). Created with `POST /api/v1/api-keys`; the local one is in .wxsync/local-api-key.",
  });
  app.doc31("/api/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "wxsync API",
      version: VERSION,
      description: "Webex customer data synced into the partner's own database: customers, syncs, exports.",
    },
  });

  app.notFound((c) => errorResponse(c, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`));
  app.onError(handleError);
  return app;
}
