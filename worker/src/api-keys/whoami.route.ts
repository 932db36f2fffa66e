import { createRoute, z } from "@hono/zod-openapi";
import { apiKeyRoles } from "@wxsync/core/api-keys";
import type { App } from "../lib/app-env.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";

export const WhoamiSchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    role: z.enum(apiKeyRoles),
    scope: z.union([z.literal("all"), z.array(z.string())]),
    rateLimitPerMinute: z
      .number()
      .int()
      .nullable()
      .optional()
      .openapi({ description: "The key's own requests-a-minute limit; null uses the worker's default." }),
  })
  .openapi("Whoami");

const route = createRoute({
  method: "get",
  path: "/api/v1/whoami",
  tags: ["API keys"],
  summary: "The API key making this request: its name, role and customer scope",
  security: bearerSecurity,
  responses: {
    200: { description: "The calling key", content: { "application/json": { schema: WhoamiSchema } } },
    ...errorResponses,
  },
});

export const registerWhoami = (app: App) => app.openapi(route, (c) => c.json(c.get("principal"), 200));
