/**
 * @module rate-limit/middleware
 * Per-key rate limiting for the API: `RateLimit-Limit`/`RateLimit-Remaining` on every answer, and 429 in the
 * error envelope with `Retry-After` when the key's bucket is empty. Runs after authentication (it needs the key).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env.ts";
import { errorResponse } from "../lib/errors.ts";

export const rateLimit = (): MiddlewareHandler<AppEnv> =>
  async function rateLimit(c, next) {
    const principal = c.get("principal");
    const namespace = c.env.RATE_LIMITER;
    if (!principal || !namespace) return next();
    const perMinute = principal.rateLimitPerMinute ?? c.env.RATE_LIMIT_PER_MINUTE;
    const result = await namespace.get(namespace.idFromName(principal.keyId)).take(perMinute);
    if (!result.ok) {
      const res = errorResponse(
        c,
        "RATE_LIMITED",
        `This API key may make ${perMinute} requests a minute; try again in ${result.retryAfterSeconds} s.`,
      );
      res.headers.set("Retry-After", String(result.retryAfterSeconds));
      res.headers.set("RateLimit-Limit", String(perMinute));
      res.headers.set("RateLimit-Remaining", "0");
      return res;
    }
    await next();
    c.res.headers.set("RateLimit-Limit", String(perMinute));
    c.res.headers.set("RateLimit-Remaining", String(result.remaining));
  };
