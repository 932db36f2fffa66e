import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiPrincipal } from "../api-keys/principal.ts";
import type { Db } from "../db/client.ts";
import type { AppBindings } from "../env.ts";

/** Hono's generics for this app: validated bindings, and the per-request services built by middleware. */
export type AppEnv = {
  Bindings: AppBindings;
  Variables: {
    requestId: string;
    db: Db;
    principal: ApiPrincipal;
  };
};

export type App = OpenAPIHono<AppEnv>;
