/**
 * @module docs/docs.route
 * `GET /api/v1/docs`: the API reference as a web page, rendered from the app's own OpenAPI document so it
 * cannot drift from the routes. Public, like `openapi.json`.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../lib/app-env.ts";
import { publicErrorResponses } from "../lib/openapi.ts";
import { VERSION } from "../version.ts";
import { renderDocs } from "./render.ts";

/** The same `info` app.ts serves at /api/v1/openapi.json; a test compares the two. */
const DOCUMENT_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "wxsync API",
    version: VERSION,
    description: "Webex customer data synced into the partner's own database: customers, syncs, exports.",
  },
};

// The page may only use what it carries itself, and no other page may frame it. Its style stays inline
// rather than hashed: the page is rendered from the document, and nothing on it runs.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

const route = createRoute({
  method: "get",
  path: "/api/v1/docs",
  tags: ["System"],
  summary: "This API reference as a web page (no API key needed)",
  responses: {
    200: {
      description: "The reference: every operation, its parameters, bodies and responses, and the schemas",
      content: { "text/html": { schema: z.string() } },
    },
    ...publicErrorResponses,
  },
});

export function registerDocs(app: App) {
  // Routes are all registered before the first request, so the page is rendered once per app.
  let rendered: string | undefined;
  app.openapi(route, (c) => {
    rendered ??= renderDocs(app.getOpenAPI31Document(DOCUMENT_CONFIG));
    c.header("content-security-policy", CONTENT_SECURITY_POLICY);
    c.header("x-frame-options", "DENY");
    c.header("x-content-type-options", "nosniff");
    return c.html(rendered, 200);
  });
}
