/**
 * @module rate-limit/limiter
 * One Durable Object per API key holds its bucket, so every isolate in every location counts the same
 * requests; one per client address (named `auth-fail:<address>`) counts that client's failed sign-ins.
 * The bucket lives in memory: if the object is evicted, it simply starts full again.
 */
import { DurableObject } from "cloudflare:workers";
import { type Bucket, type Take, take } from "./bucket.ts";

export class RateLimiter extends DurableObject {
  private bucket: Bucket | null = null;

  take(perMinute: number): Take {
    const next = take(this.bucket, perMinute, Date.now());
    this.bucket = next.bucket;
    return next.result;
  }

  /** What `take` would answer now, spending nothing: for a budget spent only when the request fails. */
  peek(perMinute: number): Take {
    return take(this.bucket, perMinute, Date.now()).result;
  }
}
