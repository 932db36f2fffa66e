/**
 * @module rate-limit/auth-failures
 * Throttles failed authentication per client: once a client address has failed AUTH_FAILURES_PER_MINUTE
 * times, the API and the status page answer 429 with Retry-After, without looking at the credential, until
 * its budget refills (a token bucket: that many at once, then that many a minute). Only failures spend the
 * budget, so a client that signs in correctly is never slowed by it. The count lives in the RateLimiter
 * Durable Object under names of its own (`auth-fail:<address>`), apart from the per-key buckets.
 * The price: one more Durable Object call (a peek, spending nothing) per authenticated request.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env.ts";
import { errorResponse } from "../lib/errors.ts";

/**
 * The client's address as Cloudflare saw it (`cf-connecting-ip`, which Cloudflare sets and a client cannot),
 * or one shared name where no Cloudflare edge is in front: `wrangler dev` and tests.
 */
export function clientAddress(c: Context): string {
  return c.req.header("cf-connecting-ip")?.trim() || "local";
}

export type FailureBudget = {
  perMinute: number;
  /** Seconds the client must wait before it may try again; null while it may. Spends nothing. */
  wait: () => Promise<number | null>;
  /** Records one failed attempt. */
  failed: () => Promise<void>;
};

/** The failure budget of the request's client; null without a limiter bound (local tools). */
export function failureBudget(c: Context<AppEnv>): FailureBudget | null {
  const namespace = c.env.RATE_LIMITER;
  if (!namespace) return null;
  const bucket = namespace.get(namespace.idFromName(`auth-fail:${clientAddress(c)}`));
  const perMinute = c.env.AUTH_FAILURES_PER_MINUTE;
  return {
    perMinute,
    wait: async () => {
      const next = await bucket.peek(perMinute);
      return next.ok ? null : next.retryAfterSeconds;
    },
    failed: async () => {
      await bucket.take(perMinute);
    },
  };
}

export const tooManyFailures = (seconds: number) =>
  `Too many failed sign-ins from this address; try again in ${seconds} s.`;

/**
 * For the API: refuses a throttled client that presents a credential before authentication runs, and counts
 * each 401 that answered one (a request without a credential cannot guess a key, so it spends nothing).
 * Placed before `apiKeyAuth`, whose refusals are 401s.
 */
export const throttleFailedAuth = ({
  publicPaths,
}: {
  publicPaths: readonly string[];
}): MiddlewareHandler<AppEnv> => {
  const open = new Set(publicPaths);
  return async function throttleFailedAuth(c, next) {
    // Without a credential there is nothing to guess and the answer is 401 anyway: no Durable Object call.
    if (open.has(c.req.path) || c.req.header("authorization") === undefined) return next();
    const budget = failureBudget(c);
    if (!budget) return next();
    const wait = await budget.wait();
    if (wait !== null) {
      const res = errorResponse(c, "RATE_LIMITED", tooManyFailures(wait));
      res.headers.set("Retry-After", String(wait));
      return res;
    }
    await next();
    if (c.res.status === 401) await budget.failed();
  };
};
