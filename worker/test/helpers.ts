import { env, exports } from "cloudflare:workers";
import { type ApiKeyRole, apiKeyHint, generateApiKey, hashApiKey } from "@wxsync/core/api-keys";

/** Sends a request through the real worker entrypoint (env validation, middleware, routes). */
export function call(path: string, init: RequestInit = {}) {
  return exports.default.fetch(new Request(`https://wxsync.test${path}`, init));
}

/** Creates an API key directly in D1 and returns it with a ready `Authorization` header. */
export async function createKey(
  role: ApiKeyRole,
  options: { name?: string; scope?: string[] | null; revoked?: boolean; rateLimitPerMinute?: number } = {},
) {
  const key = generateApiKey();
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO api_keys (id, name, role, customer_scope, key_hash, key_hint, created_at, revoked_at, rate_limit_per_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(
      id,
      options.name ?? `${role} key`,
      role,
      options.scope ? JSON.stringify(options.scope) : null,
      await hashApiKey(key),
      apiKeyHint(key),
      new Date().toISOString(),
      options.revoked ? new Date().toISOString() : null,
      options.rateLimitPerMinute ?? null,
    )
    .run();
  return { id, key, headers: { authorization: `Bearer ${key}` } };
}
