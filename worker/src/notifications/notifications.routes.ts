/**
 * @module notifications/routes
 * `GET /api/v1/notifications`: expiring refresh tokens, failed refreshes, revoked grants.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { inList } from "../db/in-list.ts";
import type { App } from "../lib/app-env.ts";
import { pagedRows, pageSchema, pagingShape } from "../lib/listing.ts";
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
      ...pagingShape(["createdAt"], "-createdAt (newest first)"),
    }),
  },
  responses: {
    200: {
      description: "Notifications",
      content: jsonContent(pageSchema(NotificationSchema)),
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
        : and(eq(notifications.ownerType, "customer"), inList(notifications.ownerId, principal.scope));
    const page = await pagedRows(services.db, notifications, {
      columns: { createdAt: notifications.createdAt },
      id: notifications.id,
      sort: q.sort,
      defaultSort: "-createdAt",
      cursor: q.cursor,
      limit: q.limit,
      where: [scope, q.kind ? eq(notifications.kind, q.kind) : undefined],
    });
    // The condition key is how a notification is raised once; it is no business of the reader.
    const items = page.items.map(({ conditionKey: _key, ...view }) => view);
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  });
