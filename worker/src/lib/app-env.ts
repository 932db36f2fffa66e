import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppBindings } from "../env.ts";
import type { ApiPrincipal } from "./access.ts";
import type { Services } from "./services.ts";

/** Hono's generics for this app: validated bindings, and the per-request services built by middleware. */
export type AppEnv = {
  Bindings: AppBindings;
  Variables: {
    requestId: string;
    services: Services;
    principal: ApiPrincipal;
  };
};

export type App = OpenAPIHono<AppEnv>;
