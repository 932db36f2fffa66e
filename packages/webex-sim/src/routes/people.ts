import type { Hono } from "hono";
import { pick } from "../models/registry.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Org } from "../tenant/types.ts";
import { badRequest, notFound, WebexError } from "../util/errors.ts";
import { webexId } from "../util/ids.ts";
import {
  actingOrg,
  type Ctx,
  type Env,
  jsonBody,
  linkBase,
  requireScope,
  sendCachedPage,
} from "./context.ts";
import { paginate } from "./paging.ts";

const READ = ["spark-admin:people_read"];
const WRITE = ["spark-admin:people_write"];
const PAGING = { style: "cursor" as const, defaultMax: 100, maxMax: 1000 };
const WRITABLE = [
  "emails",
  "phoneNumbers",
  "extension",
  "locationId",
  "displayName",
  "nickName",
  "firstName",
  "lastName",
  "avatar",
  "roles",
  "licenses",
  "department",
  "manager",
  "managerId",
  "title",
  "addresses",
  "siteUrls",
  "loginEnabled",
];

/** How /people shows a person: calling fields only with `callingData=true`, status unless excluded. */
export function personView(p: Obj, callingData: boolean, excludeStatus = false): Obj {
  const out = pick(p, undefined);
  if (!callingData) {
    delete out.extension;
    delete out.locationId;
    const numbers = (p.phoneNumbers as { type?: string }[] | undefined) ?? [];
    out.phoneNumbers = numbers.filter((n) => n.type !== "work_extension");
  }
  if (excludeStatus) delete out.status;
  return out;
}

const flag = (c: Ctx, name: string) => c.req.query(name) === "true";

function findPerson(org: Org, id: string): Obj {
  const p = org.collections.people.get(id);
  if (!p) throw notFound("person");
  return p;
}

/** The org a person id belongs to, for partner tokens that call /people/{id} without orgId. */
function orgOfPerson(sim: SimState, c: Ctx, id: string): Org {
  const org = actingOrg(sim, c);
  if (org.collections.people.get(id) || c.req.query("orgId")) return org;
  if (org.isPartner) {
    for (const other of sim.tenant.customers) if (other.collections.people.get(id)) return other;
  }
  return org;
}

function applyWrite(old: Obj, body: Obj, now: number): Obj {
  const next: Obj = { ...old };
  for (const key of WRITABLE) if (key in body) next[key] = body[key];
  if (typeof next.loginEnabled === "boolean") next.loginEnabled = String(next.loginEnabled);
  next.lastModified = new Date(now).toISOString();
  return next;
}

export function registerPeople(app: Hono<Env>, sim: SimState): void {
  app.get("/people/me", (c) => {
    requireScope(c, ["spark:people_read", "spark-admin:people_read"]);
    const auth = c.get("auth");
    const org = sim.tenant.orgs.get(auth.orgUuid);
    const me = org?.collections.people.get(auth.personId);
    if (!me) throw notFound("person");
    return c.json(personView(me, flag(c, "callingData")));
  });

  app.get("/people", (c) => {
    requireScope(c, READ);
    const org = actingOrg(sim, c);
    const callingData = flag(c, "callingData");
    const q = (n: string) => c.req.query(n) || undefined;
    const email = q("email")?.toLowerCase();
    const displayName = q("displayName")?.toLowerCase();
    const ids = q("id")?.split(",");
    if (ids && ids.length > 85) throw badRequest("At most 85 ids may be given.");
    const roles = q("roles")?.split(",");
    const locationId = q("locationId");
    const checks: ((p: Obj) => boolean)[] = [];
    if (email) checks.push((p) => ((p.emails as string[]) ?? []).some((e) => e.toLowerCase() === email));
    if (displayName) checks.push((p) => String(p.displayName).toLowerCase().startsWith(displayName));
    if (ids) checks.push((p) => ids.includes(String(p.id)));
    if (roles) checks.push((p) => ((p.roles as string[]) ?? []).some((r) => roles.includes(r)));
    if (locationId) checks.push((p) => p.locationId === locationId);
    const filter = checks.length ? (p: Obj) => checks.every((f) => f(p)) : undefined;
    // Documented: at most 100 with callingData, at most 50 with a locationId; larger `max` values are cut down.
    const cap = locationId ? 50 : callingData ? 100 : undefined;
    const people = org.collections.people;
    const source = ids
      ? ids.map((id) => people.get(id)).filter((p): p is Obj => !!p)
      : locationId
        ? (people.byField("locationId").get(locationId) ?? [])
        : people.items;
    const page = paginate(
      new URL(c.req.url),
      linkBase(sim, c),
      source,
      PAGING,
      filter,
      c.get("pageFaults"),
      cap,
    );
    const excludeStatus = flag(c, "excludeStatus");
    const notFoundIds = ids?.filter((id) => !org.collections.people.get(id));
    const view = (p: Obj) => personView(p, callingData, excludeStatus);
    return sendCachedPage(
      c,
      "items",
      page,
      `people:${callingData}:${excludeStatus}`,
      view,
      notFoundIds ? { notFoundIds } : {},
    );
  });

  app.get("/people/:id", (c) => {
    requireScope(c, READ);
    const id = c.req.param("id");
    return c.json(personView(findPerson(orgOfPerson(sim, c, id), id), flag(c, "callingData")));
  });

  app.put("/people/:id", async (c) => {
    requireScope(c, WRITE);
    const id = c.req.param("id");
    const org = orgOfPerson(sim, c, id);
    const old = findPerson(org, id);
    const body = await jsonBody(c);
    if (body.emails !== undefined && !Array.isArray(body.emails)) throw badRequest("emails must be an array");
    const next = applyWrite(old, body, sim.clock.now());
    org.collections.people.put(next);
    return c.json(personView(next, flag(c, "callingData")));
  });

  app.post("/people", async (c) => {
    requireScope(c, WRITE);
    const body = await jsonBody(c);
    const org = actingOrg(sim, c, typeof body.orgId === "string" ? body.orgId : c.req.query("orgId"));
    const emails = body.emails as string[] | undefined;
    if (!Array.isArray(emails) || emails.length === 0) throw badRequest("emails is required");
    const taken = org.collections.people.items.some((p) =>
      (p.emails as string[]).includes(String(emails[0])),
    );
    if (taken) throw new WebexError(409, "A person with this email already exists.");
    const now = new Date(sim.clock.now()).toISOString();
    const base: Obj = {
      id: webexId("PEOPLE", crypto.randomUUID()),
      emails,
      phoneNumbers: [],
      orgId: org.id,
      roles: [],
      licenses: [],
      created: now,
      lastModified: now,
      invitePending: "true",
      loginEnabled: "true",
      type: "person",
    };
    const person = applyWrite(base, body, sim.clock.now());
    org.collections.people.add(person);
    return c.json(personView(person, flag(c, "callingData")));
  });

  app.delete("/people/:id", (c) => {
    requireScope(c, WRITE);
    const id = c.req.param("id");
    const org = orgOfPerson(sim, c, id);
    if (!org.collections.people.remove(id)) throw notFound("person");
    return c.body(null, 204);
  });
}
