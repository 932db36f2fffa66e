/**
 * @module api-keys/routes
 * `/api/v1/api-keys`: create (the key is shown once), list and revoke. Admins only, and each admin only for keys
 * within its own reach (R2, `keyWithin`): a key scoped to some customers can't mint, see or revoke a key that
 * reaches further than it does.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { apiKeyHint, apiKeyRoles, generateApiKey, hashApiKey } from "@wxsync/core/api-keys";
import { eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { customers } from "../customers/schema.ts";
import { inList } from "../db/in-list.ts";
import { type ApiPrincipal, keyWithin, requireRole, rolesUpTo } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { cursorParam, pagedRows, pageLimit, pageSchema, sortParam } from "../lib/listing.ts";
import { bearerSecurity, errorResponses, refusalDoc } from "../lib/openapi.ts";
import { jsonBody, jsonContent } from "../lib/params.ts";
import { type ApiKeyRow, apiKeys } from "./schema.ts";

const tags = ["API keys"];

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(apiKeyRoles),
    scope: z.union([z.literal("all"), z.array(z.string())]),
    keyHint: z.string().openapi({ description: "The first characters of the key, to tell keys apart." }),
    rateLimitPerMinute: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Requests a minute this key may make; null uses the worker's default." }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The key itself. Shown only in this answer; store it now." }),
}).openapi("CreatedApiKey");

const CreateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    role: z.enum(apiKeyRoles),
    scope: z
      .union([
        z.literal("all"),
        z.array(z.uuid({ error: "must be a customer id" })).min(1, "must list at least one customer"),
      ])
      .default("all")
      .openapi({ description: '"all", or the ids of the customers the key may see.' }),
    rateLimitPerMinute: z
      .number({ error: "must be a number of requests a minute" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(100_000, "must be at most 100000")
      .nullable()
      .default(null)
      .openapi({ description: "Requests a minute for this key (e.g. a smaller share for an integration)." }),
  })
  .openapi("ApiKeyCreate");

const KeyIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

function view(row: ApiKeyRow): z.infer<typeof ApiKeySchema> {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    scope: row.customerScope ?? "all",
    keyHint: row.keyHint,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/**
 * R2 in SQL, so paging stays exact: keys whose role is not above the principal's and, for a scoped principal,
 * whose scope is a list with no id outside its own (a NULL scope is "all", beyond any scoped key).
 */
function withinReach(principal: ApiPrincipal): SQL[] {
  const role = inList(apiKeys.role, rolesUpTo(principal.role));
  if (principal.scope === "all") return [role];
  return [
    role,
    isNotNull(apiKeys.customerScope),
    sql`NOT EXISTS (SELECT 1 FROM json_each(${apiKeys.customerScope}) AS k WHERE k.value NOT IN (SELECT value FROM json_each(${JSON.stringify(principal.scope)})))`,
  ];
}

function refuseBeyondReach(
  principal: ApiPrincipal,
  body: { role: ApiKeyRow["role"]; scope: "all" | string[] },
) {
  if (keyWithin(principal, body)) return;
  if (!keyWithin(principal, { role: body.role, scope: principal.scope }))
    throw new ApiError(
      "FORBIDDEN",
      `body.role: the API key has the ${principal.role} role and can't create a ${body.role} key.`,
    );
  throw new ApiError(
    "FORBIDDEN",
    body.scope === "all"
      ? "body.scope: the API key is scoped to some customers and can't create a key for all customers; list customers it may see."
      : "body.scope: the API key may only create keys for customers it may see itself.",
  );
}

const create = createRoute({
  method: "post",
  path: "/api/v1/api-keys",
  tags,
  summary:
    "Create an API key (shown only in this answer) with a role and scope no wider than the calling key's own",
  security: bearerSecurity,
  middleware: [requireRole("admin")] as const,
  request: { body: jsonBody(CreateSchema) },
  responses: {
    201: { description: "Created", content: jsonContent(CreatedApiKeySchema) },
    ...errorResponses,
    403: refusalDoc(
      "The calling key is not an admin, or the new key's role or scope would reach beyond its own (names body.role or body.scope)",
    ),
  },
});

const list = createRoute({
  method: "get",
  path: "/api/v1/api-keys",
  tags,
  summary:
    "The API keys within the calling key's reach (scope within its own, role not above it), without the keys themselves",
  security: bearerSecurity,
  middleware: [requireRole("admin")] as const,
  request: {
    query: z.object({
      role: z.enum(apiKeyRoles).optional(),
      revoked: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
      sort: sortParam(["createdAt", "name", "lastUsedAt"], "createdAt"),
      limit: pageLimit(100),
      cursor: cursorParam,
    }),
  },
  responses: {
    200: { description: "API keys", content: jsonContent(pageSchema(ApiKeySchema)) },
    ...errorResponses,
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/api/v1/api-keys/{id}",
  tags,
  summary: "Revoke an API key at once",
  security: bearerSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: KeyIdParam },
  responses: {
    200: { description: "Revoked", content: jsonContent(ApiKeySchema) },
    404: refusalDoc("No such key, or one beyond the calling key's reach (answered alike)"),
    409: refusalDoc("The key making the request can't revoke itself"),
    ...errorResponses,
  },
});

export const registerApiKeyRoutes = (app: App) => {
  app.openapi(create, async (c) => {
    const { services, principal } = c.var;
    const body = c.req.valid("json");
    // Before looking the ids up, so a scoped key can't learn from the answer which customer ids exist.
    refuseBeyondReach(principal, body);
    if (body.scope !== "all") {
      const ids = [...new Set(body.scope)];
      const found = await services.db
        .select({ id: customers.id })
        .from(customers)
        .where(inList(customers.id, ids))
        .all();
      const known = new Set(found.map((r) => r.id));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0)
        throw new ApiError("BAD_REQUEST", `body.scope: no customer with id ${missing.join(", ")}`);
    }
    const key = generateApiKey();
    const row: ApiKeyRow = {
      id: crypto.randomUUID(),
      name: body.name,
      role: body.role,
      customerScope: body.scope === "all" ? null : [...new Set(body.scope)],
      keyHash: await hashApiKey(key),
      keyHint: apiKeyHint(key),
      rateLimitPerMinute: body.rateLimitPerMinute,
      createdAt: services.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await services.db.insert(apiKeys).values(row);
    return c.json({ ...view(row), key }, 201);
  });

  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const page = await pagedRows(c.var.services.db, apiKeys, {
      columns: { createdAt: apiKeys.createdAt, name: apiKeys.name, lastUsedAt: apiKeys.lastUsedAt },
      id: apiKeys.id,
      sort: q.sort,
      defaultSort: "createdAt",
      cursor: q.cursor,
      limit: q.limit,
      where: [
        ...withinReach(c.var.principal),
        q.role ? eq(apiKeys.role, q.role) : undefined,
        q.revoked === undefined
          ? undefined
          : q.revoked === "true"
            ? isNotNull(apiKeys.revokedAt)
            : isNull(apiKeys.revokedAt),
      ],
    });
    return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(revoke, async (c) => {
    const { services, principal } = c.var;
    const { id } = c.req.valid("param");
    if (id === principal.keyId) {
      throw new ApiError(
        "CONFLICT",
        "This is the key making the request; revoke it with another admin key so you are not locked out.",
      );
    }
    const row = await services.db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
    // A key beyond the caller's reach is answered like a missing one.
    if (!row || !keyWithin(principal, { role: row.role, scope: row.customerScope ?? "all" }))
      throw new ApiError("NOT_FOUND", `No API key with id ${id}.`);
    const revokedAt = row.revokedAt ?? services.now().toISOString();
    await services.db.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.id, id)).run();
    return c.json(view({ ...row, revokedAt }), 200);
  });
};
