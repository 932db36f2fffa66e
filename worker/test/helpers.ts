import { env, exports } from "cloudflare:workers";
import { type ApiKeyRole, apiKeyHint, generateApiKey, hashApiKey } from "@wxsync/core/api-keys";
import { expect } from "vitest";

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

/** Sends a JSON request through the worker; redirects are answers the tests look at, so none is followed. */
export function sendJson(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  return call(path, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
}

/** The answer's JSON after checking its status; a wrong status fails with the request and the answer's text. */
export async function expectJson<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, `${res.url}: ${await res.clone().text()}`).toBe(status);
  return res.json<T>();
}
