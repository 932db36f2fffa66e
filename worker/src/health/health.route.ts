import { createRoute } from "@hono/zod-openapi";
import { healthSchema } from "@wxsync/core/health";
import { sql } from "drizzle-orm";
import type { App } from "../lib/app-env.ts";
import { publicErrorResponses } from "../lib/openapi.ts";
import { readState } from "../system/state.ts";
import { VERSION } from "../version.ts";

const HealthSchema = healthSchema.openapi("Health");

const route = createRoute({
  method: "get",
  path: "/api/v1/health",
  tags: ["System"],
  summary: "Liveness and database reachability (no API key needed)",
  responses: {
    200: {
      description: "The worker and its database are working",
      content: { "application/json": { schema: HealthSchema } },
    },
    503: {
      description: "The database did not answer",
      content: { "application/json": { schema: HealthSchema } },
    },
    ...publicErrorResponses,
  },
});

export const registerHealth = (app: App) =>
  app.openapi(route, async (c) => {
    const { db } = c.get("services");
    try {
      // A real round trip, not just "the binding exists".
      await db.run(sql`select 1`);
      const lastCronAt = await readState(db, "lastCronAt");
      return c.json({ status: "ok" as const, version: VERSION, database: "ok" as const, lastCronAt }, 200);
    } catch (error) {
      console.error(
        JSON.stringify({
          level: "error",
          requestId: c.get("requestId"),
          msg: "health: database check failed",
          error: String(error),
        }),
      );
      return c.json(
        { status: "degraded" as const, version: VERSION, database: "error" as const, lastCronAt: null },
        503,
      );
    }
  });
