/**
 * @module notifications/routes
 * `GET /api/v1/notifications`: expiring refresh tokens, failed refreshes, revoked grants.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { App } from "../lib/app-env.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { jsonContent } from "../lib/params.ts";
import { NOTIFICATION_KINDS, notifications } from "./schema.ts";

const NotificationSchema = z
  .object({
    id: z.string(),
    ownerType: z.enum(["customer", "partner"]),
    ownerId: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    message: z.string(),
    createdAt: z.string(),
    webhookStatus: z.enum(["not_configured", "sent", "failed"]),
  })
  .openapi("Notification");

const route = createRoute({
  method: "get",
  path: "/api/v1/notifications",
  tags: ["Notifications"],
  summary: "Warnings that need an administrator, newest first",
  security: bearerSecurity,
  request: {
    query: z.object({
      kind: z.enum(NOTIFICATION_KINDS).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: "Notifications",
      content: jsonContent(z.object({ items: z.array(NotificationSchema) })),
    },
    ...errorResponses,
  },
});

export const registerNotificationRoutes = (app: App) =>
  app.openapi(route, async (c) => {
    const { services, principal } = c.var;
    const q = c.req.valid("query");
    const scope =
      principal.scope === "all"
        ? undefined
        : and(
            eq(notifications.ownerType, "customer"),
            inArray(notifications.ownerId, principal.scope.length ? principal.scope : [""]),
          );
    const rows = await services.db
      .select({
        id: notifications.id,
        ownerType: notifications.ownerType,
        ownerId: notifications.ownerId,
        kind: notifications.kind,
        message: notifications.message,
        createdAt: notifications.createdAt,
        webhookStatus: notifications.webhookStatus,
      })
      .from(notifications)
      .where(and(scope, q.kind ? eq(notifications.kind, q.kind) : undefined))
      .orderBy(desc(notifications.createdAt))
      .limit(q.limit)
      .all();
    return c.json({ items: rows }, 200);
  });
