import type { Hono } from "hono";
import { BROADWORKS_CLUSTERS } from "../broadworks/generate.ts";
import { settle } from "../broadworks/sync.ts";
import type { Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import type { Enterprise } from "../tenant/types.ts";
import { badRequest, notFound } from "../util/errors.ts";
import { base64NoPad, webexId } from "../util/ids.ts";

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

  // Every Sync now asked for: when, on which cluster, until when it runs, or the status it was refused with.
  app.get("/_sim/broadworks/log", (c) => c.json({ items: sim.tenant.syncLog ?? [] }));

  // { count, cluster?, users? }: more enterprises (on a partner-managed org id of their own), for bulk tests.
  app.post("/_sim/broadworks", async (c) => {
    const b = await obj(c.req.raw);
    const count = typeof b.count === "number" && b.count > 0 && b.count <= 1000 ? Math.floor(b.count) : 0;
    if (!count) throw badRequest("count must be a number from 1 to 1000");
    const start = sim.tenant.enterprises.length;
    const added = Array.from({ length: count }, (_, k) => {
      const n = start + k;
      const e: Enterprise = {
        id: webexId("ENTERPRISE", crypto.randomUUID()),
        orgId: webexId("ORGANIZATION", crypto.randomUUID()),
        spEnterpriseId: `Reseller1+extra${n}`,
        provisioningId: base64NoPad(`${crypto.randomUUID()}:${crypto.randomUUID()}`),
        cluster:
          typeof b.cluster === "string" ? b.cluster : BROADWORKS_CLUSTERS[n % BROADWORKS_CLUSTERS.length]!,
        enableDirSync: false,
        users: Array.from({ length: typeof b.users === "number" ? b.users : 3 }, (_, u) => ({
          userId: `user${u}@extra${n}.example.com`,
          firstName: "Extra",
          lastName: `User ${u}`,
          extension: String(5000 + u),
          number: `+1555000${String(u).padStart(4, "0")}`,
          mobile: "",
          machine: false,
          inCI: false,
          dirty: false,
          deleted: false,
        })),
        status: { syncStatus: "NOT_SYNCED" },
        everCompleted: false,
      };
      sim.tenant.enterprises.push(e);
      return { id: e.id, spEnterpriseId: e.spEnterpriseId, cluster: e.cluster };
    });
    return c.json({ items: added }, 201);
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
