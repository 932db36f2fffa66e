/**
 * @module rate-limit/middleware
 * Per-key rate limiting for the API: `RateLimit-Limit`/`RateLimit-Remaining` on every answer, and 429 in the
 * error envelope with `Retry-After` when the key's bucket is empty. Runs after authentication (it needs the key).
 */
import type { MiddlewareHandler } from "hono";
import type { AppBindings } from "../env.ts";
import type { AppEnv } from "../lib/app-env.ts";
import { errorResponse } from "../lib/errors.ts";

/**
 * Spends one request of the key's budget (its own limit, else RATE_LIMIT_PER_MINUTE). Null without a
 * limiter bound. Every way in that authenticates a key spends here: the API below and the status page.
 */
export async function spendKeyRequest(
  env: AppBindings,
  key: { keyId: string; rateLimitPerMinute?: number | null },
) {
  const namespace = env.RATE_LIMITER;
  if (!namespace) return null;
  const perMinute = key.rateLimitPerMinute ?? env.RATE_LIMIT_PER_MINUTE;
  const result = await namespace.get(namespace.idFromName(key.keyId)).take(perMinute);
  return { ...result, perMinute };
}

export const keyLimitReached = (perMinute: number, seconds: number) =>
  `This API key may make ${perMinute} requests a minute; try again in ${seconds} s.`;

export const rateLimit = (): MiddlewareHandler<AppEnv> =>
  async function rateLimit(c, next) {
    const principal = c.get("principal");
    if (!principal) return next();
    const result = await spendKeyRequest(c.env, principal);
    if (!result) return next();
    const { perMinute } = result;
    if (!result.ok) {
      const res = errorResponse(c, "RATE_LIMITED", keyLimitReached(perMinute, result.retryAfterSeconds));
      res.headers.set("Retry-After", String(result.retryAfterSeconds));
      res.headers.set("RateLimit-Limit", String(perMinute));
      res.headers.set("RateLimit-Remaining", "0");
      return res;
    }
    await next();
    c.res.headers.set("RateLimit-Limit", String(perMinute));
    c.res.headers.set("RateLimit-Remaining", String(result.remaining));
  };
