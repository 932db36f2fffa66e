/**
 * @module api-keys/auth
 * Authenticates every `/api/v1/*` request by its API key (`Authorization: Bearer wxs_...`), except the
 * public paths, and puts the caller's principal in `c.var.principal`.
 */

import type { ApiKeyRole } from "@wxsync/core/api-keys";
import { hashApiKey, isApiKeyFormat } from "@wxsync/core/api-keys";
import { and, eq, isNull } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { roleAllows } from "./principal.ts";
import { apiKeys } from "./schema.ts";

export type ApiKeyAuthOptions = {
  /** Exact paths served without a key. */
  publicPaths: readonly string[];
};

function readKey(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(" ", 2);
  return scheme?.toLowerCase() === "bearer" && value ? value.trim() : null;
}

export const apiKeyAuth = ({ publicPaths }: ApiKeyAuthOptions): MiddlewareHandler<AppEnv> => {
  const open = new Set(publicPaths);
  return async function apiKeyAuth(c, next) {
    if (open.has(c.req.path)) return next();
    const key = readKey(c.req.header("authorization"));
    if (!key) {
      throw new ApiError("UNAUTHORIZED", "Send an API key as `Authorization: Bearer wxs_...`.");
    }
    if (!isApiKeyFormat(key)) {
      throw new ApiError(
        "UNAUTHORIZED",
        "The API key is malformed: wxsync keys start with wxs_ and are 47 characters.",
      );
    }
    const { db } = c.get("services");
    const row = await db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, await hashApiKey(key)), isNull(apiKeys.revokedAt)))
      .get();
    if (!row) throw new ApiError("UNAUTHORIZED", "The API key is unknown or has been revoked.");
    c.set("principal", { keyId: row.id, name: row.name, role: row.role, scope: row.customerScope ?? "all" });
    // Recording use must not slow the answer down.
    c.executionCtx.waitUntil(
      db.update(apiKeys).set({ lastUsedAt: new Date().toISOString() }).where(eq(apiKeys.id, row.id)).run(),
    );
    return next();
  };
};

/** Refuses the request unless the caller's role is at least `needed`. */
export const requireRole = (needed: ApiKeyRole): MiddlewareHandler<AppEnv> =>
  async function requireRole(c, next) {
    const { role } = c.get("principal");
    if (!roleAllows(role, needed)) {
      throw new ApiError("FORBIDDEN", `This needs the ${needed} role; the API key has the ${role} role.`);
    }
    return next();
  };
