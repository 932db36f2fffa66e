import type { Hono } from "hono";
import type { Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import { isModelName, MODEL_NAMES, type ModelName, type Org } from "../tenant/types.ts";
import { badRequest, notFound } from "../util/errors.ts";
import { TEAM_CLUSTER, webexId } from "../util/ids.ts";

const ID_TYPES: Partial<Record<ModelName, string>> = {
  roles: "ROLE",
  licenses: "LICENSE",
  locations: "LOCATION",
  floors: "WORKSPACE_LOCATION_FLOOR",
  workspaceLocations: "WORKSPACE_LOCATION",
  workspaceLocationFloors: "WORKSPACE_LOCATION_FLOOR",
  people: "PEOPLE",
  workspaces: "PLACES",
  devices: "DEVICE",
  groups: "SCIM_GROUP",
  teams: "TEAM",
  rooms: "ROOM",
  huntGroups: "HUNT_GROUP",
  autoAttendants: "AUTO_ATTENDANT",
  callPickups: "CALL_PICKUP",
  callParks: "CALL_PARK",
  callParkExtensions: "CALL_PARK_EXTENSION",
  schedules: "SCHEDULE",
  announcements: "ANNOUNCEMENT",
  dialPlans: "DIAL_PLAN",
  routeGroups: "ROUTE_GROUP",
  trunks: "TRUNK",
  callingProfiles: "CALLING_PROFILE",
};

export function orgOf(sim: SimState, ref: string): Org {
  const org = sim.orgRef(ref);
  if (!org) throw notFound(`org ${ref}`);
  return org;
}

function modelOf(name: string): ModelName {
  if (!isModelName(name)) throw badRequest(`Unknown model ${name}; known: ${MODEL_NAMES.join(", ")}`);
  return name;
}

export async function body(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

export function asObj(v: unknown): Obj {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw badRequest("Expected a JSON object");
  return v as Obj;
}

/** Stores raw Webex-shaped objects; an object without an id gets a fresh one of the model's type. */
function addObject(org: Org, model: ModelName, o: Obj): Obj {
  const type = ID_TYPES[model];
  const obj =
    o.id === undefined && type
      ? { id: webexId(type, crypto.randomUUID(), model === "devices" ? TEAM_CLUSTER : "us"), ...o }
      : o;
  const coll = org.collections[model];
  if (coll.get(coll.keyOf(obj))) throw badRequest(`${model} ${coll.keyOf(obj)} already exists`);
  return coll.add(obj);
}

/** `/_sim/orgs/...`: read, add, change and delete any object of any org, and move devices. */
export function registerObjectControl(app: Hono<Env>, sim: SimState): void {
  app.get("/_sim/orgs", (c) =>
    c.json({
      items: sim.allOrgs.map((org, i) => ({
        ref: i === 0 ? "partner" : String(i - 1),
        id: org.id,
        uuid: org.uuid,
        displayName: org.displayName,
        isPartner: org.isPartner,
        adminId: org.adminId,
        adminEmail: (org.collections.people.get(org.adminId)?.emails as string[] | undefined)?.[0],
      })),
    }),
  );

  app.get("/_sim/orgs/:org/:model", (c) => {
    const coll = orgOf(sim, c.req.param("org")).collections[modelOf(c.req.param("model"))];
    return c.json({ total: coll.size, items: coll.items });
  });

  app.get("/_sim/orgs/:org/:model/:key", (c) => {
    const coll = orgOf(sim, c.req.param("org")).collections[modelOf(c.req.param("model"))];
    const obj = coll.get(c.req.param("key"));
    if (!obj) throw notFound();
    return c.json(obj);
  });

  app.post("/_sim/orgs/:org/:model", async (c) => {
    const org = orgOf(sim, c.req.param("org"));
    const model = modelOf(c.req.param("model"));
    const raw = await body(c.req.raw);
    const list = Array.isArray(raw) ? raw : [raw];
    return c.json({ items: list.map((o) => addObject(org, model, asObj(o))) }, 201);
  });

  // PATCH merges top-level fields (null deletes one); PUT replaces the object.
  for (const method of ["patch", "put"] as const) {
    app[method](`/_sim/orgs/:org/:model/:key`, async (c) => {
      const coll = orgOf(sim, c.req.param("org")).collections[modelOf(c.req.param("model"))];
      const old = coll.get(c.req.param("key"));
      if (!old) throw notFound();
      const patch = asObj(await body(c.req.raw));
      const next: Obj = method === "put" ? patch : { ...old, ...patch };
      for (const [k, v] of Object.entries(next)) if (v === null && method === "patch") delete next[k];
      if (coll.keyOf(next) !== coll.keyOf(old)) throw badRequest("The object's key cannot change");
      return c.json(coll.put(next));
    });
  }

  app.delete("/_sim/orgs/:org/:model/:key", (c) => {
    const coll = orgOf(sim, c.req.param("org")).collections[modelOf(c.req.param("model"))];
    if (!coll.remove(c.req.param("key"))) throw notFound();
    return c.body(null, 204);
  });

  app.post("/_sim/orgs/:org/devices/:key/move", async (c) => {
    const org = orgOf(sim, c.req.param("org"));
    const device = org.collections.devices.get(c.req.param("key"));
    if (!device) throw notFound("device");
    const target = asObj(await body(c.req.raw));
    const person =
      typeof target.personId === "string" ? org.collections.people.get(target.personId) : undefined;
    const workspace =
      typeof target.workspaceId === "string" ? org.collections.workspaces.get(target.workspaceId) : undefined;
    if (!person && !workspace)
      throw badRequest("personId or workspaceId must name a person or workspace of the org");
    const owner = (person ?? workspace)!;
    const next: Obj = {
      ...device,
      personId: person?.id,
      workspaceId: workspace?.id,
      placeId: workspace?.id,
      locationId: owner.locationId,
      workspaceLocationId: workspace?.workspaceLocationId,
      displayName: `${String(owner.displayName)} (${String(device.product)})`,
    };
    return c.json(org.collections.devices.put(next));
  });
}
