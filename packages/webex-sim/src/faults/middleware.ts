import type { MiddlewareHandler } from "hono";
import type { Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import { errorBody, WebexError } from "../util/errors.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const STATUS_TEXT: Record<number, string> = {
  429: "Too Many Requests. Please retry after the time given in the Retry-After header.",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout. If your query uses max parameter, please try to reduce it.",
};

/** Latency, scripted/probabilistic faults and per-token rate limiting, in front of the Webex API routes. */
export function realism(sim: SimState): MiddlewareHandler<Env> {
  return async (c, next) => {
    const { meanMs, jitterMs } = sim.latency;
    const decision = sim.faults.decide(c.req.method, c.req.path, sim.clock.now());
    const delay =
      Math.max(0, meanMs + (jitterMs ? (Math.random() * 2 - 1) * jitterMs : 0)) + decision.delayMs;
    if (delay > 0) await sleep(delay);

    if (decision.status) {
      const { status, retryAfterSec } = decision.status;
      const headers: Record<string, string> = {};
      if (status === 429 || retryAfterSec !== undefined) headers["Retry-After"] = String(retryAfterSec ?? 1);
      throw new WebexError(status, STATUS_TEXT[status] ?? "Simulated failure", headers);
    }

    const bearer = c.req.header("Authorization")?.replace(/^Bearer\s+/i, "");
    if (bearer) {
      const wait = sim.limiter.take(bearer);
      if (wait > 0) throw new WebexError(429, STATUS_TEXT[429]!, { "Retry-After": String(wait) });
    }

    c.set("pageFaults", { truncate: decision.truncatedPage, nextDropsQuery: decision.nextDropsQuery });
    await next();

    if (decision.drop) {
      const stream = new ReadableStream({
        start(controller) {
          controller.error(new Error("connection dropped by webex-sim"));
        },
      });
      c.res = new Response(stream, { status: c.res.status, headers: c.res.headers });
    } else if (decision.malformedJson) {
      const text = await c.res.text();
      const headers = new Headers(c.res.headers);
      headers.delete("Content-Length");
      c.res = new Response(text.slice(0, Math.floor(text.length / 2)), { status: c.res.status, headers });
    }
  };
}

/** Tracking id on every response, Webex error bodies, and the request counters. */
export function tracking(sim: SimState): MiddlewareHandler<Env> {
  return async (c, next) => {
    sim.ready();
    const trackingId = `ROUTER_${crypto.randomUUID()}`;
    c.set("trackingId", trackingId);
    try {
      await next();
    } catch (err) {
      c.res = errorResponse(err, trackingId);
    }
    c.res.headers.set("Trackingid", trackingId);
    if (c.req.path.startsWith("/_sim")) return;
    sim.stats.record(c.req.method, c.req.path, c.res.status);
    sim.requests.record({
      at: new Date(sim.clock.now()).toISOString(),
      method: c.req.method,
      path: c.req.path,
      orgId: c.req.query("orgId") ?? null,
      tokenOrgUuid: c.get("auth")?.orgUuid ?? null,
      actingOrgUuid: c.get("actingOrgUuid") ?? null,
      status: c.res.status,
    });
  };
}

export function errorResponse(err: unknown, trackingId: string): Response {
  const e =
    err instanceof WebexError
      ? err
      : new WebexError(500, err instanceof Error ? err.message : "Internal error");
  return new Response(JSON.stringify(errorBody(e.message, trackingId, e.errorCode)), {
    status: e.status,
    headers: { "Content-Type": "application/json", Trackingid: trackingId, ...e.headers },
  });
}
