/**
 * @module rate-limit/limiter
 * One Durable Object per API key holds its bucket, so every isolate in every location counts the same
 * requests. The bucket lives in memory: if the object is evicted, the key simply starts with a full bucket.
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
}
