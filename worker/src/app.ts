/**
 * @module app
 * Builds the HTTP app: middleware, every route, the OpenAPI document and the error envelope.
 * Routes register themselves through `registerX(app)` so the whole surface reads here in a few lines.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { apiKeyAuth } from "./api-keys/auth.ts";
import { registerWhoami } from "./api-keys/whoami.route.ts";
import { createDb } from "./db/client.ts";
import { registerHealth } from "./health/health.route.ts";
import type { AppEnv } from "./lib/app-env.ts";
import { errorResponse, handleError, validationHook } from "./lib/errors.ts";
import { VERSION } from "./version.ts";

const PUBLIC_PATHS = ["/api/v1/health", "/api/v1/openapi.json"] as const;

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", requestId());
  app.use("/api/*", async function services(c, next) {
    c.set("db", createDb(c.env.DB));
    await next();
  });
  app.use("/api/v1/*", apiKeyAuth({ publicPaths: PUBLIC_PATHS }));

  // system
  registerHealth(app);
  // api keys
  registerWhoami(app);

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
