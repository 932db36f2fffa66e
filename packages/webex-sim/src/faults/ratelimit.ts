/** Per-token token buckets: `perSecond` refill, `burst` capacity; real time, since it models throughput. */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    public config: { perSecond: number; burst: number } | false,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token; returns the seconds to wait when the bucket is empty, else 0. */
  take(key: string): number {
    if (!this.config) return 0;
    const { perSecond, burst } = this.config;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }

  reset(): void {
    this.buckets.clear();
  }
}
