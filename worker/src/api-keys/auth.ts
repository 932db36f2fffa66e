/**
 * @module api-keys/auth
 * Authenticates every `/api/v1/*` request by its API key (`Authorization: Bearer wxs_...`), except the
 * public paths, and puts the caller's principal in `c.var.principal`.
 */

import { hashApiKey, isApiKeyFormat } from "@wxsync/core/api-keys";
import { eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client.ts";
import type { ApiPrincipal } from "../lib/access.ts";
import type { AppEnv } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { type ApiKeyRow, apiKeys } from "./schema.ts";

export type ApiKeyAuthOptions = {
  /** Exact paths served without a key. */
  publicPaths: readonly string[];
};

function readKey(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(" ", 2);
  return scheme?.toLowerCase() === "bearer" && value ? value.trim() : null;
}

/** The stored key a well-formed key names, revoked or not; null when no key has its hash. */
export async function findApiKey(db: Db, key: string): Promise<ApiKeyRow | null> {
  return (
    (await db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, await hashApiKey(key)))
      .get()) ?? null
  );
}

export function principalOf(row: ApiKeyRow): ApiPrincipal {
  return {
    keyId: row.id,
    name: row.name,
    role: row.role,
    scope: row.customerScope ?? "all",
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

/** Records that the key was used, after the answer: recording must not slow it down. */
export function recordKeyUse(c: Context<AppEnv>, keyId: string) {
  const { db } = c.get("services");
  c.executionCtx.waitUntil(
    db.update(apiKeys).set({ lastUsedAt: new Date().toISOString() }).where(eq(apiKeys.id, keyId)).run(),
  );
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
    const row = await findApiKey(c.get("services").db, key);
    if (!row || row.revokedAt)
      throw new ApiError("UNAUTHORIZED", "The API key is unknown or has been revoked.");
    c.set("principal", principalOf(row));
    recordKeyUse(c, row.id);
    return next();
  };
};
