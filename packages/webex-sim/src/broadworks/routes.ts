import type { Hono } from "hono";
import { type Ctx, type Env, jsonBody, linkBase, requireScope, sendPage } from "../routes/context.ts";
import { paginate } from "../routes/paging.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Enterprise } from "../tenant/types.ts";
import { badRequest, notFound, WebexError } from "../util/errors.ts";
import { Prng } from "../util/prng.ts";
import { setEnabled, settle, startSync, syncOneUser } from "./sync.ts";

const READ = ["spark-admin:broadworks_enterprises_read"];
const WRITE = ["spark-admin:broadworks_enterprises_write"];
const PAGING = { style: "cursor" as const, defaultMax: 100, maxMax: 1000 };

export function syncView(e: Enterprise): Obj {
  return { enableDirSync: e.enableDirSync, directorySyncStatus: e.status };
}

function enterpriseView(e: Enterprise): Obj {
  return {
    id: e.id,
    orgId: e.orgId,
    spEnterpriseId: e.spEnterpriseId,
    provisioningId: e.provisioningId,
    broadworksDirectorySync: syncView(e),
  };
}

/** BroadWorks enterprises belong to the partner: customer-org tokens are refused. */
function partnerOnly(sim: SimState, c: Ctx, scopes: string[]): void {
  requireScope(c, scopes);
  if (c.get("auth").orgUuid !== sim.tenant.partner.uuid) {
    throw new WebexError(403, "BroadWorks enterprises are only available to partner administrators.");
  }
}

function findEnterprise(sim: SimState, c: Ctx): Enterprise {
  const e = sim.tenant.enterprises.find((x) => x.id === c.req.param("id"));
  if (!e) throw notFound("enterprise");
  settle(e, sim.clock.now());
  return e;
}

export function registerBroadWorks(app: Hono<Env>, sim: SimState): void {
  const rng = new Prng(sim.options.faultSeed, 4242);

  app.get("/broadworks/enterprises", (c) => {
    partnerOnly(sim, c, READ);
    const now = sim.clock.now();
    for (const e of sim.tenant.enterprises) settle(e, now);
    const sp = c.req.query("spEnterpriseId");
    const startsWith = c.req.query("startsWith")?.toLowerCase();
    const views = sim.tenant.enterprises.map(enterpriseView);
    const filter = (o: Obj) =>
      (!sp || o.spEnterpriseId === sp) &&
      (!startsWith || String(o.spEnterpriseId).toLowerCase().startsWith(startsWith));
    const page = paginate(new URL(c.req.url), linkBase(sim, c), views, PAGING, filter, c.get("pageFaults"));
    return sendPage(c, "items", page, page.items);
  });

  app.get("/broadworks/enterprises/:id/broadworksDirectorySync", (c) => {
    partnerOnly(sim, c, READ);
    return c.json(syncView(findEnterprise(sim, c)));
  });

  app.put("/broadworks/enterprises/:id/broadworksDirectorySync", async (c) => {
    partnerOnly(sim, c, WRITE);
    const e = findEnterprise(sim, c);
    const body = await jsonBody(c);
    if (typeof body.enableDirSync !== "boolean") throw badRequest("enableDirSync must be a boolean");
    setEnabled(e, body.enableDirSync, sim.clock.now());
    return c.json({
      enableDirSync: e.enableDirSync,
      directorySyncStatus: { syncStatus: e.status.syncStatus },
    });
  });

  app.post("/broadworks/enterprises/:id/broadworksDirectorySync", async (c) => {
    partnerOnly(sim, c, WRITE);
    const e = findEnterprise(sim, c);
    const body = await jsonBody(c);
    if (body.syncStatus !== "SYNC_NOW") throw badRequest('syncStatus must be "SYNC_NOW"');
    sim.tenant.syncLog ??= [];
    const log = sim.tenant.syncLog;
    const at = sim.clock.now();
    try {
      startSync(e, sim.tenant.enterprises, at, sim.options.broadworks, rng);
    } catch (error) {
      log.push({
        enterpriseId: e.id,
        cluster: e.cluster,
        at,
        refused: error instanceof WebexError ? error.status : 500,
      });
      throw error;
    }
    log.push({ enterpriseId: e.id, cluster: e.cluster, at, endsAt: e.running?.endsAt });
    return c.json({
      enableDirSync: e.enableDirSync,
      directorySyncStatus: { syncStatus: e.status.syncStatus },
    });
  });

  app.post("/broadworks/enterprises/:id/broadworksDirectorySync/externalUser", async (c) => {
    partnerOnly(sim, c, WRITE);
    const e = findEnterprise(sim, c);
    const body = await jsonBody(c);
    if (typeof body.userId !== "string" || !body.userId) throw badRequest("userId is required");
    const org = [...sim.tenant.orgs.values()].find((o) => o.id === e.orgId);
    const emails = new Set<string>();
    for (const p of org?.collections.people.items ?? [])
      for (const m of (p.emails as string[]) ?? []) emails.add(m.toLowerCase());
    return c.json(syncOneUser(e, body.userId, emails, sim.clock.now()));
  });
}
