import type { Hono } from "hono";
import { pick, SCOPES } from "../models/registry.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Org } from "../tenant/types.ts";
import { badRequest, notFound } from "../util/errors.ts";
import { webexId } from "../util/ids.ts";
import { actingOrg, type Ctx, type Env, jsonBody, linkBase, requireScope } from "./context.ts";
import { paginate } from "./paging.ts";

const WRITE = ["identity:groups_rw"];
const LIST_PAGING = { style: "scim" as const, defaultMax: 100, maxMax: 1000 };
const MEMBER_PAGING = { style: "scim" as const, defaultMax: 500, maxMax: 500 };

/** SCIM-style `filter=displayName eq "Sales"` (also `sw`/`co`), the subset clients use. */
function scimFilter(raw: string | undefined): ((o: Obj) => boolean) | undefined {
  if (!raw) return undefined;
  const m = raw.match(/^\s*(\w+)\s+(eq|sw|co)\s+"([^"]*)"\s*$/i);
  if (!m) throw badRequest(`Unsupported filter: ${raw}`);
  const [, attr = "", op = "", value = ""] = m;
  const v = value.toLowerCase();
  return (o) => {
    const field = String(o[attr] ?? "").toLowerCase();
    if (op.toLowerCase() === "eq") return field === v;
    if (op.toLowerCase() === "sw") return field.startsWith(v);
    return field.includes(v);
  };
}

function groupView(g: Obj, includeMembers: boolean): Obj {
  const out = pick(g, undefined);
  if (!includeMembers) delete out.members;
  return out;
}

/** A group by id in the acting org; partner tokens without orgId also find their customers' groups. */
function findGroup(sim: SimState, c: Ctx): { org: Org; group: Obj } {
  const org = actingOrg(sim, c);
  const id = c.req.param("id") ?? "";
  const own = org.collections.groups.get(id);
  if (own) return { org, group: own };
  if (org.isPartner && !c.req.query("orgId")) {
    for (const o of sim.tenant.customers) {
      const group = o.collections.groups.get(id);
      if (group) return { org: o, group };
    }
  }
  throw notFound("group");
}

export function registerGroups(app: Hono<Env>, sim: SimState): void {
  app.get("/groups", (c) => {
    requireScope(c, SCOPES.groups);
    const org = actingOrg(sim, c);
    const url = new URL(c.req.url);
    const page = paginate(
      url,
      linkBase(sim, c),
      org.collections.groups.items,
      LIST_PAGING,
      scimFilter(c.req.query("filter")),
      c.get("pageFaults"),
    );
    if (page.next) c.header("Link", `<${page.next}>; rel="next"`);
    const include = c.req.query("includeMembers") === "true";
    return c.json({
      totalResults: page.total,
      startIndex: page.start + 1,
      itemsPerPage: page.items.length,
      groups: page.items.map((g) => groupView(g, include)),
    });
  });

  app.get("/groups/:id", (c) => {
    requireScope(c, SCOPES.groups);
    return c.json(groupView(findGroup(sim, c).group, c.req.query("includeMembers") !== "false"));
  });

  app.get("/groups/:id/members", (c) => {
    requireScope(c, SCOPES.groups);
    const { group } = findGroup(sim, c);
    const members = (group.members as Obj[] | undefined) ?? [];
    const page = paginate(
      new URL(c.req.url),
      linkBase(sim, c),
      members,
      MEMBER_PAGING,
      undefined,
      c.get("pageFaults"),
    );
    if (page.next) c.header("Link", `<${page.next}>; rel="next"`);
    return c.json({
      ...groupView(group, false),
      totalResults: page.total,
      startIndex: page.start + 1,
      itemsPerPage: page.items.length,
      members: page.items,
    });
  });

  app.post("/groups", async (c) => {
    requireScope(c, WRITE);
    const body = await jsonBody(c);
    const org = actingOrg(sim, c, typeof body.orgId === "string" ? body.orgId : c.req.query("orgId"));
    if (typeof body.displayName !== "string") throw badRequest("displayName is required");
    const now = new Date(sim.clock.now()).toISOString();
    const members = memberList(org, (body.members as Obj[] | undefined) ?? []);
    const group: Obj = {
      id: webexId("SCIM_GROUP", `${crypto.randomUUID()}:${org.uuid}`),
      displayName: body.displayName,
      orgId: org.id,
      description: body.description,
      created: now,
      lastModified: now,
      memberSize: members.length,
      members,
    };
    org.collections.groups.add(group);
    return c.json(group, 201);
  });

  app.patch("/groups/:id", async (c) => {
    requireScope(c, WRITE);
    const { org, group } = findGroup(sim, c);
    const body = await jsonBody(c);
    let members = [...((group.members as Obj[] | undefined) ?? [])];
    for (const m of (body.members as Obj[] | undefined) ?? []) {
      members = members.filter((x) => x.id !== m.id);
      if (m.operation !== "delete") members.push(...memberList(org, [m]));
    }
    const next: Obj = {
      ...group,
      members,
      memberSize: members.length,
      lastModified: new Date(sim.clock.now()).toISOString(),
    };
    if (typeof body.displayName === "string") next.displayName = body.displayName;
    if (typeof body.description === "string") next.description = body.description;
    org.collections.groups.put(next);
    return c.json(next);
  });

  app.delete("/groups/:id", (c) => {
    requireScope(c, WRITE);
    const { org, group } = findGroup(sim, c);
    org.collections.groups.remove(String(group.id));
    return c.body(null, 204);
  });
}

function memberList(org: Org, refs: Obj[]): Obj[] {
  return refs.map((m) => {
    const p = org.collections.people.get(String(m.id));
    if (!p) throw badRequest(`Unknown member ${String(m.id)}`);
    return { id: p.id, type: "user", displayName: p.displayName };
  });
}
