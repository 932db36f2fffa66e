import type { Hono } from "hono";
import { MODELS, pick } from "../models/registry.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Org } from "../tenant/types.ts";
import { badRequest } from "../util/errors.ts";
import { webexId } from "../util/ids.ts";
import { actingOrg, type Ctx, type Env, jsonBody, linkBase, requireScope, sendPage } from "./context.ts";
import { candidates, requestFilter } from "./generic.ts";
import { locateObject } from "./locate.ts";
import { paginate } from "./paging.ts";

const DEF = MODELS.find((m) => m.model === "workspaces")!;
const WRITE = ["spark-admin:workspaces_write"];
const WRITABLE = [
  "displayName",
  "locationId",
  "workspaceLocationId",
  "floorId",
  "capacity",
  "type",
  "calendar",
  "calling",
  "notes",
  "hotdeskingStatus",
  "supportedDevices",
  "deviceHostedMeetings",
  "devicePlatform",
  "indoorNavigation",
];
const CAPABILITIES = [
  "occupancyDetection",
  "presenceDetection",
  "ambientNoise",
  "soundLevel",
  "temperature",
  "airQuality",
  "relativeHumidity",
];

function view(org: Org, w: Obj, c: Ctx): Obj {
  const out = pick(w, undefined);
  if (c.req.query("includeDevices") === "true") {
    const byWs = org.collections.devices.byField("workspaceId");
    out.devices = (byWs.get(String(w.id)) ?? []).map((d) => pick(d, undefined));
  }
  if (c.req.query("includeCapabilities") === "true") out.capabilities = capabilities();
  return out;
}

const capabilities = () =>
  Object.fromEntries(CAPABILITIES.map((k) => [k, { supported: true, configured: false }]));

function applyWrite(old: Obj, body: Obj): Obj {
  const next: Obj = { ...old };
  for (const key of WRITABLE) if (key in body) next[key] = body[key];
  if (typeof next.displayName !== "string" || !next.displayName) throw badRequest("displayName is required");
  return next;
}

export function registerWorkspaces(app: Hono<Env>, sim: SimState): void {
  app.get("/workspaces", (c) => {
    requireScope(c, DEF.scopes);
    const org = actingOrg(sim, c);
    const page = paginate(
      new URL(c.req.url),
      linkBase(sim, c),
      candidates(DEF, c, org.collections.workspaces),
      DEF.paging,
      requestFilter(DEF, c),
      c.get("pageFaults"),
    );
    return sendPage(
      c,
      "items",
      page,
      page.items.map((w) => view(org, w, c)),
    );
  });

  app.get("/workspaces/:id", (c) => {
    requireScope(c, DEF.scopes);
    const { org, obj } = locateObject(sim, c, "workspaces", c.req.param("id"));
    return c.json(view(org, obj, c));
  });

  app.get("/workspaces/:id/capabilities", (c) => {
    requireScope(c, DEF.scopes);
    locateObject(sim, c, "workspaces", c.req.param("id"));
    return c.json({ capabilities: capabilities() });
  });

  app.put("/workspaces/:id", async (c) => {
    requireScope(c, WRITE);
    const { org, obj } = locateObject(sim, c, "workspaces", c.req.param("id"));
    const next = applyWrite(obj, await jsonBody(c));
    org.collections.workspaces.put(next);
    return c.json(pick(next, undefined));
  });

  app.post("/workspaces", async (c) => {
    requireScope(c, WRITE);
    const body = await jsonBody(c);
    const org = actingOrg(sim, c, typeof body.orgId === "string" ? body.orgId : c.req.query("orgId"));
    const workspace = applyWrite(
      {
        id: webexId("PLACES", crypto.randomUUID()),
        orgId: org.id,
        sipAddress: `${crypto.randomUUID().slice(0, 8)}@${org.domain.split(".")[0]}.room.ciscospark.com`,
        created: new Date(sim.clock.now()).toISOString(),
        calling: { type: "freeCalling" },
        calendar: { type: "none" },
      },
      body,
    );
    org.collections.workspaces.add(workspace);
    return c.json(workspace, 201);
  });

  app.delete("/workspaces/:id", (c) => {
    requireScope(c, WRITE);
    const id = c.req.param("id");
    const { org } = locateObject(sim, c, "workspaces", id);
    org.collections.workspaces.remove(id);
    return c.body(null, 204);
  });
}
