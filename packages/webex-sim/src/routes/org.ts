import type { Hono } from "hono";
import { SCOPES } from "../models/registry.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import { licenseAssignees } from "../tenant/gen-org.ts";
import type { Org } from "../tenant/types.ts";
import { notFound } from "../util/errors.ts";
import { actingOrg, type Env, linkBase, requireScope } from "./context.ts";

const countCache = new WeakMap<Org, { key: string; value: Obj[] }>();

/** Licence counts follow the people and workspaces that hold them, also after writes. */
export function licensesWithCounts(org: Org): Obj[] {
  const { people, workspaces, licenses } = org.collections;
  const key = `${people.version}:${workspaces.version}:${licenses.version}`;
  const hit = countCache.get(org);
  if (hit?.key === key) return hit.value;
  const value = ((items: Obj[]) => {
    const users = new Map<string, number>();
    const ws = new Map<string, number>();
    for (const p of people.items)
      for (const id of (p.licenses as string[] | undefined) ?? []) users.set(id, (users.get(id) ?? 0) + 1);
    for (const w of workspaces.items) {
      const calling = w.calling as { webexCalling?: { licenses?: string[] } } | undefined;
      for (const id of calling?.webexCalling?.licenses ?? []) ws.set(id, (ws.get(id) ?? 0) + 1);
    }
    return items.map((l) => {
      const u = users.get(String(l.id)) ?? 0;
      const w = ws.get(String(l.id)) ?? 0;
      // A licence nobody holds keeps the counts it was stored with (e.g. one loaded through /_sim/).
      if (u + w === 0 && Number(l.consumedUnits ?? 0) > 0) return l;
      const total = Math.max(Number(l.totalUnits ?? 0), u + w);
      return { ...l, totalUnits: total, consumedUnits: u + w, consumedByUsers: u, consumedByWorkspaces: w };
    });
  })(licenses.items);
  countCache.set(org, { key, value });
  return value;
}

export function registerOrgRoutes(app: Hono<Env>, sim: SimState): void {
  app.get("/organizations", (c) => {
    requireScope(c, SCOPES.orgs);
    const own = actingOrg(sim, c, null);
    const orgs = own.isPartner ? sim.allOrgs : [own];
    return c.json({ items: orgs.map((o) => o.collections.organizations.items[0]) });
  });

  app.get("/organizations/:id", (c) => {
    requireScope(c, SCOPES.orgs);
    const org = actingOrg(sim, c, c.req.param("id"));
    return c.json(org.collections.organizations.items[0]);
  });

  app.get("/licenses", (c) => {
    requireScope(c, SCOPES.licenses);
    return c.json({ items: licensesWithCounts(actingOrg(sim, c)) });
  });

  app.get("/licenses/:id", (c) => {
    requireScope(c, SCOPES.licenses);
    const id = c.req.param("id");
    let org = actingOrg(sim, c);
    if (!org.collections.licenses.get(id) && org.isPartner) {
      org = sim.tenant.customers.find((o) => o.collections.licenses.get(id)) ?? org;
    }
    const license = licensesWithCounts(org).find((l) => l.id === id);
    if (!license) throw notFound("license");
    if (c.req.query("includeAssignedTo") !== "user") return c.json(license);
    const assignees = org.collections.people.memo(`assignees:${id}`, (people) =>
      licenseAssignees(people, id),
    );
    // Assignees page with an opaque `next` cursor and `limit` ≤ 300, as documented for this endpoint.
    const url = new URL(c.req.url);
    const limit = Math.min(300, Math.max(1, Number(url.searchParams.get("limit") ?? 300) || 300));
    const start = Number(url.searchParams.get("next") ?? 0) || 0;
    const users = assignees.slice(start, start + limit);
    if (start + limit < assignees.length) {
      const params = new URLSearchParams(url.search);
      params.set("next", String(start + limit));
      c.header("Link", `<${linkBase(sim, c)}${url.pathname}?${params}>; rel="next"`);
    }
    return c.json({ ...license, users });
  });
}
