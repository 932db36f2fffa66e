/**
 * @module rate-limit/bucket
 * A token bucket: `perMinute` requests a minute on average, bursts up to a minute's worth, and — when
 * empty — exactly how long until the next request would be allowed (the Retry-After a client needs).
 */

export type Bucket = { tokens: number; updatedAt: number; perMinute: number };

export type Take = { ok: boolean; remaining: number; retryAfterSeconds: number };

export function take(
  bucket: Bucket | null,
  perMinute: number,
  now: number,
): { bucket: Bucket; result: Take } {
  const perMs = perMinute / 60_000;
  // A changed limit starts from a full bucket of the new size rather than carrying the old count over.
  const start =
    bucket && bucket.perMinute === perMinute
      ? Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMs)
      : perMinute;
  if (start >= 1) {
    const tokens = start - 1;
    return {
      bucket: { tokens, updatedAt: now, perMinute },
      result: { ok: true, remaining: Math.floor(tokens), retryAfterSeconds: 0 },
    };
  }
  return {
    bucket: { tokens: start, updatedAt: now, perMinute },
    result: {
      ok: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - start) / perMs / 1000)),
    },
  };
}
