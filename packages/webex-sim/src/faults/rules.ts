import { Prng } from "../util/prng.ts";

/**
 * A fault to inject into Webex API responses (not into /_sim/). A rule fires on matching requests with
 * `probability` (default 1); `skip` lets that many matching requests through first, and `times` limits how
 * often it fires (default: forever). Scripts are lists of such rules.
 */
export type FaultRule = {
  type:
    | "status" // answer `status` (500/502/503/504/429...) with a Webex error body
    | "rateLimitStorm" // answer 429 to every request for `durationMs` (sim clock) from the first firing
    | "drop" // drop the connection: headers go out, then the body stream errors
    | "slow" // delay the response by `delayMs`
    | "malformedJson" // cut the JSON body in half
    | "truncatedPage" // serve only part of a list page (the next link still continues correctly)
    | "nextDropsQuery"; // the `next` link keeps only the paging parameters
  /** Request path must contain this (e.g. "/people"); default any. */
  path?: string;
  method?: string;
  probability?: number;
  skip?: number;
  times?: number;
  status?: number;
  retryAfterSec?: number;
  durationMs?: number;
  delayMs?: number;
};

type Live = FaultRule & { seen: number; fired: number };

export type FaultDecision = {
  status?: { status: number; retryAfterSec?: number };
  drop?: boolean;
  delayMs: number;
  malformedJson?: boolean;
  truncatedPage?: boolean;
  nextDropsQuery?: boolean;
};

export class FaultEngine {
  private rules: Live[] = [];
  private rng: Prng;
  private stormUntil = 0;

  constructor(
    rules: FaultRule[],
    private readonly seed: number,
  ) {
    this.rng = new Prng(seed, 77);
    this.set(rules);
  }

  set(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r, seen: 0, fired: 0 }));
    this.stormUntil = 0;
    this.rng = new Prng(this.seed, 77);
  }

  add(rules: FaultRule[]): void {
    this.rules.push(...rules.map((r) => ({ ...r, seen: 0, fired: 0 })));
  }

  list(): (FaultRule & { fired: number })[] {
    return this.rules.map(({ seen: _seen, ...r }) => r);
  }

  decide(method: string, path: string, now: number): FaultDecision {
    const d: FaultDecision = { delayMs: 0 };
    if (now < this.stormUntil)
      d.status = { status: 429, retryAfterSec: Math.ceil((this.stormUntil - now) / 1000) };
    for (const rule of this.rules) {
      if (rule.path && !path.includes(rule.path)) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      rule.seen++;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (this.rng.float() >= (rule.probability ?? 1)) continue;
      rule.fired++;
      switch (rule.type) {
        case "status":
          d.status ??= { status: rule.status ?? 500, retryAfterSec: rule.retryAfterSec };
          break;
        case "rateLimitStorm":
          this.stormUntil = now + (rule.durationMs ?? 10_000);
          d.status ??= { status: 429, retryAfterSec: Math.ceil((rule.durationMs ?? 10_000) / 1000) };
          break;
        case "drop":
          d.drop = true;
          break;
        case "slow":
          d.delayMs += rule.delayMs ?? 5_000;
          break;
        case "malformedJson":
          d.malformedJson = true;
          break;
        case "truncatedPage":
          d.truncatedPage = true;
          break;
        case "nextDropsQuery":
          d.nextDropsQuery = true;
          break;
      }
    }
    return d;
  }
}
