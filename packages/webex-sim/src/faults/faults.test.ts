import { describe, expect, it } from "vitest";
import { call, mintToken, nextLink, quietSim } from "../testkit.ts";

/** A stopped wall clock, so no bucket refills while a test runs, however slow the machine. */
const frozen = () => 1_700_000_000_000;

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a token's bucket is empty, per token", async () => {
    const sim = quietSim({ rateLimit: { perSecond: 1, burst: 3 }, now: frozen });
    const a = await mintToken(sim);
    const b = await mintToken(sim);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(sim, a, "/people/me")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(sim, a, "/people/me");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect((await call(sim, b, "/people/me")).status).toBe(200);
    const stats = (await (await sim.request("/_sim/stats")).json()) as { requests: { rateLimited: number } };
    expect(stats.requests.rateLimited).toBe(2);
  });

  it("refills the bucket at the configured rate", async () => {
    let now = 1_700_000_000_000;
    const sim = quietSim({ rateLimit: { perSecond: 2, burst: 2 }, now: () => now });
    const t = await mintToken(sim);
    await call(sim, t, "/roles");
    await call(sim, t, "/roles");
    const limited = await call(sim, t, "/roles");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("1");
    now += 500;
    expect((await call(sim, t, "/roles")).status).toBe(200);
    expect((await call(sim, t, "/roles")).status).toBe(429);
  });

  it("defaults to 20 requests/s with a burst of 40", async () => {
    const sim = quietSim({ rateLimit: undefined, now: frozen });
    const t = await mintToken(sim);
    let ok = 0;
    for (let i = 0; i < 45; i++) if ((await call(sim, t, "/people/me")).status === 200) ok++;
    expect(ok).toBe(40);
  });
});

describe("faults", () => {
  it("scripts status faults: skip, times, path and method", async () => {
    const sim = quietSim({ faults: [{ type: "status", status: 503, path: "/people", skip: 1, times: 2 }] });
    const t = await mintToken(sim);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(sim, t, "/people")).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
    expect((await call(sim, t, "/roles")).status).toBe(200);
  });

  it("draws probabilistic faults from a seeded stream (same seed, same failures)", async () => {
    const run = async () => {
      const sim = quietSim({ faults: [{ type: "status", status: 500, probability: 0.3 }], faultSeed: 9 });
      const t = await mintToken(sim);
      const out = [];
      for (let i = 0; i < 30; i++) out.push((await call(sim, t, "/roles")).status);
      return out;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it("storms 429s for a while on the sim clock", async () => {
    const sim = quietSim({ faults: [{ type: "rateLimitStorm", durationMs: 5000, times: 1 }] });
    const t = await mintToken(sim);
    expect((await call(sim, t, "/roles")).status).toBe(429);
    expect((await call(sim, t, "/roles")).status).toBe(429);
    await sim.request("/_sim/clock/advance", { method: "POST", body: JSON.stringify({ ms: 5001 }) });
    expect((await call(sim, t, "/roles")).status).toBe(200);
  });

  it("drops connections, breaks JSON, truncates pages and spoils next links", async () => {
    const sim = quietSim();
    const t = await mintToken(sim);
    const set = (rules: unknown) =>
      sim.request("/_sim/faults", { method: "PUT", body: JSON.stringify({ rules }) });
    await set([{ type: "drop", times: 1 }]);
    const dropped = await call(sim, t, "/roles");
    await expect(dropped.text()).rejects.toThrow();
    await set([{ type: "malformedJson", times: 1 }]);
    const broken = await call(sim, t, "/roles");
    await expect(broken.json()).rejects.toThrow();
    const org = sim.sim.tenant.customers[1]!;
    await set([{ type: "truncatedPage", times: 1 }]);
    const short = await call(sim, t, `/people?orgId=${org.id}&max=10`);
    expect(((await short.json()) as { items: unknown[] }).items.length).toBe(5);
    expect(nextLink(short)).toBeDefined();
    await set([{ type: "nextDropsQuery", times: 1 }]);
    const spoiled = nextLink(await call(sim, t, `/people?orgId=${org.id}&max=10&callingData=true`))!;
    expect(spoiled).not.toContain("orgId");
    expect(spoiled).toContain("max=10");
    await sim.request("/_sim/faults", { method: "DELETE" });
    expect((await call(sim, t, "/roles")).status).toBe(200);
  });

  it("slows responses, and adds configured latency", async () => {
    const sim = quietSim({ faults: [{ type: "slow", delayMs: 120, times: 1 }] });
    const t = await mintToken(sim);
    let started = performance.now();
    await call(sim, t, "/roles");
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await sim.request("/_sim/config", {
      method: "PATCH",
      body: JSON.stringify({ latencyMs: 60, jitterMs: 0 }),
    });
    started = performance.now();
    await call(sim, t, "/roles");
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
