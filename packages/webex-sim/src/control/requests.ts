/**
 * The Webex API requests the simulator received, in order, for `GET /_sim/requests`: a test can tell which
 * organization a client wrote to (the org the simulator acted on, its `orgId` parameter, the token's own org)
 * without trusting the client's account of it.
 */
import type { Hono } from "hono";
import type { Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import { badRequest } from "../util/errors.ts";

export type LoggedRequest = {
  /** 1, 2, 3… in the order the answers were sent; `?after=` pages on it. */
  seq: number;
  /** Sim time, ISO. */
  at: string;
  method: string;
  path: string;
  /** The `orgId` query parameter as sent, or null. */
  orgId: string | null;
  /** The org of the bearer token, when the token was valid. */
  tokenOrgUuid: string | null;
  /** The org the request acted on (its `orgId` parameter or body field, else the token's org), once resolved. */
  actingOrgUuid: string | null;
  status: number;
};

/** The newest entries only: a long benchmark must not grow the simulator without bound. */
const KEEP = 50_000;

export class RequestLog {
  private items: LoggedRequest[] = [];
  private last = 0;

  record(entry: Omit<LoggedRequest, "seq">): void {
    this.items.push({ seq: ++this.last, ...entry });
    if (this.items.length > KEEP) this.items.splice(0, this.items.length - KEEP);
  }

  after(seq: number): { items: LoggedRequest[]; last: number } {
    const from = this.items.findIndex((e) => e.seq > seq);
    return { items: from === -1 ? [] : this.items.slice(from), last: this.last };
  }

  reset(): void {
    this.items = [];
    this.last = 0;
  }
}

export function registerRequestLog(app: Hono<Env>, sim: SimState): void {
  app.get("/_sim/requests", (c) => {
    const after = c.req.query("after") ?? "0";
    if (!/^\d+$/.test(after)) throw badRequest("after must be a sequence number (0 or more)");
    return c.json(sim.requests.after(Number(after)));
  });
}
