import type { Hono } from "hono";
import type { Env } from "../routes/context.ts";
import { deviceByAnyId, normalizeMac } from "../routes/devices.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import { addDevice, type DeviceLoc, randomMac } from "../tenant/gen-devices.ts";
import type { Org } from "../tenant/types.ts";
import { badRequest, notFound } from "../util/errors.ts";
import { Prng } from "../util/prng.ts";
import { asObj, body, orgOf } from "./objects.ts";

const MAX_BULK = 5000;

type Site = { loc: DeviceLoc; people: Obj[] };

/** Locations with their calling people (those with an extension); only locations that have some. */
function sites(org: Org, locationId: string | undefined): Site[] {
  const byLoc = org.collections.people.byField("locationId");
  const site = (loc: Obj): Site => ({
    loc: {
      id: String(loc.id),
      routingPrefix: String(org.collections.telephonyLocations.get(String(loc.id))?.routingPrefix ?? ""),
    },
    people: (byLoc.get(String(loc.id)) ?? []).filter((p) => typeof p.extension === "string"),
  });
  if (locationId === undefined) {
    const all = org.collections.locations.items.map(site).filter((s) => s.people.length > 0);
    if (all.length === 0) throw badRequest("The org has no location with people who have an extension");
    return all;
  }
  const loc = org.collections.locations.get(locationId);
  if (!loc) throw notFound(`location ${locationId}`);
  const one = site(loc);
  if (one.people.length === 0) throw badRequest(`location ${locationId} has no people with an extension`);
  return [one];
}

/**
 * `count` third-party phones, round-robin over the sites and, within a site, over its people. Built by the tenant
 * generator's own addDevice, with a MAC checked against the org's so validateMacs and POST /devices stay right.
 */
function addThirdPartyPhones(org: Org, count: number, all: Site[], managedBy: "PARTNER" | "CUSTOMER"): Obj[] {
  const rng = new Prng(...crypto.getRandomValues(new Uint32Array(4)));
  const used = new Set<string>();
  for (const d of org.collections.devices.items) used.add(normalizeMac(String(d.mac ?? "")));
  for (const t of org.collections.telephonyDevices.items) used.add(normalizeMac(String(t.mac ?? "")));
  const out: Obj[] = [];
  for (let k = 0; k < count; k++) {
    const site = all[k % all.length]!;
    const person = site.people[Math.floor(k / all.length) % site.people.length]!;
    let mac = randomMac(rng);
    while (used.has(normalizeMac(mac))) mac = randomMac(rng);
    used.add(normalizeMac(mac));
    const owner = { kind: "person", obj: person, loc: site.loc, calling: true } as const;
    const device = addDevice({ org, rng }, owner, "thirdParty", { managedBy, mac });
    out.push({ id: device.id, mac: device.mac, locationId: site.loc.id, personId: person.id });
  }
  return out;
}

/** Device test hooks: what clients did to devices, a phone's SIP registration check, and bulk third-party phones. */
export function registerDeviceControl(app: Hono<Env>, sim: SimState): void {
  // `orgId` may also be any `{org}` ref ("partner", "0", …); `deviceId` is the /devices id.
  app.get("/_sim/devices/log", (c) => {
    const orgRef = c.req.query("orgId");
    const orgId = orgRef ? (sim.orgRef(orgRef)?.id ?? orgRef) : undefined;
    const deviceId = c.req.query("deviceId");
    const items = (sim.tenant.deviceLog ?? []).filter(
      (e) => (!orgId || e.orgId === orgId) && (!deviceId || e.deviceId === deviceId),
    );
    return c.json({ items });
  });

  // Stands in for the digest check of a phone's SIP REGISTER: does this password match the device's current one?
  app.post("/_sim/orgs/:org/devices/:key/sip/check", async (c) => {
    const org = orgOf(sim, c.req.param("org"));
    const device = deviceByAnyId(org, c.req.param("key"));
    if (!device) throw notFound("device");
    const { password } = asObj(await body(c.req.raw));
    if (typeof password !== "string") throw badRequest("password must be a string");
    return c.json({ valid: org.sipPasswords.get(String(device.id)) === password });
  });

  // Registered before the generic `/_sim/orgs/:org/:model`, which would take "third-party-devices" for a model.
  app.post("/_sim/orgs/:org/third-party-devices", async (c) => {
    const org = orgOf(sim, c.req.param("org"));
    const b = asObj(await body(c.req.raw));
    const count = b.count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_BULK)
      throw badRequest(`count must be an integer from 1 to ${MAX_BULK}`);
    const managedBy = b.managedBy ?? "PARTNER";
    if (managedBy !== "PARTNER" && managedBy !== "CUSTOMER")
      throw badRequest('managedBy must be "PARTNER" or "CUSTOMER"');
    if (b.locationId !== undefined && typeof b.locationId !== "string")
      throw badRequest("locationId must be a string");
    const items = addThirdPartyPhones(org, count, sites(org, b.locationId), managedBy);
    return c.json({ items }, 201);
  });
}
