import type { Hono } from "hono";
import { settle } from "../broadworks/sync.ts";
import type { Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import type { Enterprise } from "../tenant/types.ts";
import { badRequest, notFound } from "../util/errors.ts";

function find(sim: SimState, id: string): Enterprise {
  const e = sim.tenant.enterprises.find((x) => x.id === id);
  if (!e) throw notFound("enterprise");
  settle(e, sim.clock.now());
  return e;
}

async function obj(req: Request): Promise<Record<string, unknown>> {
  try {
    const v = (await req.json()) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // handled below
  }
  throw badRequest("Expected a JSON object body");
}

/** BroadWorks test hooks: inspect enterprises, script the next sync, change the BroadWorks-side directory. */
export function registerBroadWorksControl(app: Hono<Env>, sim: SimState): void {
  app.get("/_sim/broadworks", (c) => {
    const now = sim.clock.now();
    return c.json({
      items: sim.tenant.enterprises.map((e) => {
        settle(e, now);
        return { ...e, running: e.running ? { ...e.running } : undefined };
      }),
    });
  });

  app.post("/_sim/broadworks/:id/next-sync", async (c) => {
    const e = find(sim, c.req.param("id"));
    const b = await obj(c.req.raw);
    e.nextOutcome = {
      failCode: typeof b.failCode === "number" ? b.failCode : undefined,
      durationMs: typeof b.durationMs === "number" ? b.durationMs : undefined,
    };
    return c.json({ nextOutcome: e.nextOutcome });
  });

  // { action: "add" | "change" | "delete", userId, firstName?, lastName?, extension?, number?, mobile?, machine? }
  app.post("/_sim/broadworks/:id/users", async (c) => {
    const e = find(sim, c.req.param("id"));
    const b = await obj(c.req.raw);
    const userId = String(b.userId ?? "");
    if (!userId) throw badRequest("userId is required");
    const existing = e.users.find((u) => u.userId === userId);
    const fields = {
      firstName: typeof b.firstName === "string" ? b.firstName : (existing?.firstName ?? "New"),
      lastName: typeof b.lastName === "string" ? b.lastName : (existing?.lastName ?? "User"),
      extension: typeof b.extension === "string" ? b.extension : (existing?.extension ?? ""),
      number: typeof b.number === "string" ? b.number : (existing?.number ?? ""),
      mobile: typeof b.mobile === "string" ? b.mobile : (existing?.mobile ?? ""),
    };
    if (b.action === "add") {
      if (existing) throw badRequest("user exists");
      e.users.push({
        userId,
        ...fields,
        machine: b.machine === true,
        inCI: false,
        dirty: false,
        deleted: false,
      });
    } else if (b.action === "change") {
      if (!existing) throw notFound("user");
      Object.assign(existing, fields, { dirty: true });
    } else if (b.action === "delete") {
      if (!existing) throw notFound("user");
      existing.deleted = true;
    } else throw badRequest("action must be add, change or delete");
    return c.json({ users: e.users.length });
  });
}
