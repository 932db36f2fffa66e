import type { Hono } from "hono";
import type { FaultRule } from "../faults/rules.ts";
import { ALL_SCOPES } from "../oauth/tokens.ts";
import type { Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import { MODEL_NAMES } from "../tenant/types.ts";
import { badRequest, notFound } from "../util/errors.ts";
import { registerBroadWorksControl } from "./broadworks.ts";
import { registerDeviceControl } from "./devices.ts";
import { registerObjectControl } from "./objects.ts";
import { registerRequestLog } from "./requests.ts";

async function obj(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw badRequest("Expected a JSON object body");
}

function faultList(v: unknown): FaultRule[] {
  const rules = Array.isArray(v) ? v : (v as { rules?: unknown } | undefined)?.rules;
  if (!Array.isArray(rules)) throw badRequest("Expected { rules: FaultRule[] }");
  return rules as FaultRule[];
}

/** The simulator's own control API (not Webex): tokens, clock, knobs, faults, stats, request log, reset. */
export function registerControl(app: Hono<Env>, sim: SimState): void {
  app.get("/_sim/health", (c) => c.json({ status: "ok", seed: sim.options.seed }));

  app.post("/_sim/tokens", async (c) => {
    const b = await obj(c.req.raw);
    const org = sim.orgRef(typeof b.org === "number" || typeof b.org === "string" ? b.org : "partner");
    if (!org) throw notFound(`org ${String(b.org)}`);
    const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : ALL_SCOPES;
    const personId = typeof b.personId === "string" ? b.personId : org.adminId;
    const fixed = typeof b.token === "string" ? b.token : undefined;
    const tokens = sim.tokens.mint(
      { orgUuid: org.uuid, personId, scopes, clientId: sim.options.clientId },
      fixed,
    );
    return c.json({ ...tokens, orgId: org.id, personId }, 201);
  });

  for (const action of ["revoke", "expire"] as const) {
    app.post(`/_sim/tokens/${action}`, async (c) => {
      const b = await obj(c.req.raw);
      const ok = sim.tokens[action](String(b.token ?? ""));
      if (!ok) throw notFound("token");
      return c.body(null, 204);
    });
  }

  app.get("/_sim/clock", (c) =>
    c.json({ now: new Date(sim.clock.now()).toISOString(), offsetMs: sim.clock.offset }),
  );
  app.post("/_sim/clock/advance", async (c) => {
    const b = await obj(c.req.raw);
    const ms =
      typeof b.ms === "number" ? b.ms : typeof b.seconds === "number" ? b.seconds * 1000 : Number.NaN;
    if (!Number.isFinite(ms) || ms < 0) throw badRequest("Give { ms } or { seconds } ≥ 0");
    sim.clock.advance(ms);
    return c.json({ now: new Date(sim.clock.now()).toISOString(), offsetMs: sim.clock.offset });
  });

  app.get("/_sim/config", (c) => c.json(config(sim)));
  app.patch("/_sim/config", async (c) => {
    const b = await obj(c.req.raw);
    if (typeof b.latencyMs === "number") sim.latency.meanMs = b.latencyMs;
    if (typeof b.jitterMs === "number") sim.latency.jitterMs = b.jitterMs;
    if (typeof b.autoConsent === "boolean") sim.autoConsent = b.autoConsent;
    if (b.rateLimit === false) sim.limiter.config = false;
    else if (b.rateLimit && typeof b.rateLimit === "object") {
      const r = b.rateLimit as { perSecond?: unknown; burst?: unknown };
      if (typeof r.perSecond !== "number" || typeof r.burst !== "number")
        throw badRequest("rateLimit needs perSecond and burst");
      sim.limiter.config = { perSecond: r.perSecond, burst: r.burst };
      sim.limiter.reset();
    }
    if (typeof b.accessTokenTtlSec === "number") sim.tokens.ttl.accessSec = b.accessTokenTtlSec;
    if (typeof b.refreshTokenTtlSec === "number") sim.tokens.ttl.refreshSec = b.refreshTokenTtlSec;
    return c.json(config(sim));
  });

  app.get("/_sim/faults", (c) => c.json({ rules: sim.faults.list() }));
  app.put("/_sim/faults", async (c) => {
    sim.faults.set(faultList(await obj(c.req.raw)));
    return c.json({ rules: sim.faults.list() });
  });
  app.post("/_sim/faults", async (c) => {
    sim.faults.add(faultList(await obj(c.req.raw)));
    return c.json({ rules: sim.faults.list() });
  });
  app.delete("/_sim/faults", (c) => {
    sim.faults.set([]);
    return c.body(null, 204);
  });

  app.get("/_sim/stats", (c) => {
    const objects: Record<string, Record<string, number>> = {};
    for (const org of sim.allOrgs) {
      objects[org.id] = Object.fromEntries(MODEL_NAMES.map((m) => [m, org.collections[m].size]));
    }
    return c.json({ requests: sim.stats.snapshot(), tokens: sim.tokens.live(), objects });
  });

  app.post("/_sim/reset", (c) => {
    sim.reset();
    return c.json({ status: "reset", seed: sim.options.seed });
  });

  registerRequestLog(app, sim);
  registerDeviceControl(app, sim);
  registerObjectControl(app, sim);
  registerBroadWorksControl(app, sim);
}

function config(sim: SimState) {
  return {
    latencyMs: sim.latency.meanMs,
    jitterMs: sim.latency.jitterMs,
    rateLimit: sim.limiter.config,
    autoConsent: sim.autoConsent,
    accessTokenTtlSec: sim.tokens.ttl.accessSec,
    refreshTokenTtlSec: sim.tokens.ttl.refreshSec,
    clientId: sim.options.clientId,
    serviceApp: {
      applicationId: sim.options.serviceApp.applicationId,
      clientId: sim.options.serviceApp.clientId,
    },
  };
}
