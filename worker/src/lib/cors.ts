/**
 * @module cors
 * The browser may call the API from the worker's own pages (its configured origin, origin.ts) and from the
 * origins in CORS_ORIGINS (the extension's `chrome-extension://<id>`), nothing else. A disallowed origin gets
 * no CORS headers, so the browser withholds the answer; API keys never ride on cookies, so there is nothing
 * to forge either way.
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./app-env.ts";
import { ownOrigin } from "./origin.ts";

export const corsForOrigins = (): MiddlewareHandler<AppEnv> =>
  cors({
    origin: (origin, c) => {
      const own = ownOrigin(c.env, c.req.url);
      return (own !== null && origin === own) || c.env.CORS_ORIGINS.includes(origin) ? origin : null;
    },
    allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE"],
    allowHeaders: ["authorization", "content-type", "if-none-match"],
    exposeHeaders: [
      "etag",
      "retry-after",
      "ratelimit-limit",
      "ratelimit-remaining",
      "content-disposition",
      "x-request-id",
    ],
    maxAge: 600,
  });
