import type { Hono } from "hono";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import type { DeviceAction, Org } from "../tenant/types.ts";
import { badRequest, notFound, WebexError } from "../util/errors.ts";
import { TEAM_CLUSTER, webexId } from "../util/ids.ts";
import { actingOrg, type Ctx, type Env, jsonBody, requireScope } from "./context.ts";
import { locateObject } from "./locate.ts";

const WRITE = ["spark-admin:devices_write"];
const TEL_READ = ["spark-admin:telephony_config_read"];
const TEL_WRITE = ["spark-admin:telephony_config_write"];

export const normalizeMac = (mac: string) => mac.replaceAll(/[:.-]/g, "").toUpperCase();

function macInUse(org: Org, mac: string): boolean {
  const byMac = org.collections.devices.memo(
    "byMac",
    (items) => new Set(items.map((d) => normalizeMac(String(d.mac ?? "")))),
  );
  return byMac.has(normalizeMac(mac));
}

/** A device of the org by its device id or its calling device id (clients hold either). */
export function deviceByAnyId(org: Org, id: string): Obj | undefined {
  // Only calling devices have a calling id; mapping the others would file them all under "undefined".
  const byCalling = org.collections.devices.memo(
    "byCallingId",
    (items) =>
      new Map(
        items
          .filter((d) => typeof d.callingDeviceId === "string")
          .map((d) => [String(d.callingDeviceId), String(d.id)]),
      ),
  );
  return org.collections.devices.get(byCalling.get(id) ?? id);
}

/** The Webex Calling record of a device, by device id or calling device id. */
function callingDevice(sim: SimState, c: Ctx): { org: Org; obj: Obj } {
  const id = c.req.param("id") ?? "";
  try {
    return locateObject(sim, c, "telephonyDevices", id);
  } catch {
    const org = actingOrg(sim, c);
    const device = deviceByAnyId(org, id);
    const obj = device ? org.collections.telephonyDevices.get(String(device.id)) : undefined;
    if (!obj) throw notFound("device");
    return { org, obj };
  }
}

/** Records what a client did to a device, for tests to read at `/_sim/devices/log` (cleared with the tenant). */
function logAction(
  sim: SimState,
  org: Org,
  deviceId: string,
  action: DeviceAction["action"],
  changed?: boolean,
) {
  const entry: DeviceAction = {
    at: new Date(sim.clock.now()).toISOString(),
    orgId: org.id,
    deviceId,
    action,
  };
  if (changed !== undefined) entry.changed = changed;
  sim.tenant.deviceLog ??= [];
  sim.tenant.deviceLog.push(entry);
}

export function registerDevices(app: Hono<Env>, sim: SimState): void {
  app.post("/devices", async (c) => {
    requireScope(c, WRITE);
    const org = actingOrg(sim, c);
    const body = await jsonBody(c);
    const mac = typeof body.mac === "string" ? body.mac : "";
    const model = typeof body.model === "string" ? body.model : "";
    if (!/^[0-9A-Fa-f]{12}$/.test(normalizeMac(mac))) throw badRequest("mac must be 12 hexadecimal digits");
    if (!model) throw badRequest("model is required");
    if (macInUse(org, mac)) throw new WebexError(400, "[Error 5675] MAC Address is in use.", {}, 5675);
    const owner = body.personId
      ? org.collections.people.get(String(body.personId))
      : body.workspaceId
        ? org.collections.workspaces.get(String(body.workspaceId))
        : undefined;
    if (!owner) throw badRequest("personId or workspaceId must name a person or workspace of the org");
    const uuid = crypto.randomUUID().toUpperCase();
    const id = webexId("DEVICE", uuid, TEAM_CLUSTER);
    const thirdParty = !/cisco/i.test(model);
    const now = new Date(sim.clock.now()).toISOString();
    const macPretty = normalizeMac(mac).replace(/(..)(?!$)/g, "$1:");
    const isWorkspace = !!body.workspaceId;
    const device: Obj = {
      id,
      callingDeviceId: webexId("CALLING_DEVICE", uuid, TEAM_CLUSTER),
      webexDeviceId: thirdParty ? undefined : id,
      displayName: `${String(owner.displayName)} (${model.replace(/^DMS /, "")})`,
      placeId: isWorkspace ? owner.id : undefined,
      workspaceId: isWorkspace ? owner.id : undefined,
      personId: isWorkspace ? undefined : owner.id,
      orgId: org.id,
      capabilities: [],
      permissions: [],
      connectionStatus: "activating",
      product: model.replace(/^DMS /, ""),
      type: "phone",
      tags: [],
      mac: macPretty,
      sipUrls: [],
      serial: "",
      upgradeChannel: "stable",
      created: now,
      locationId: owner.locationId,
      errorCodes: [],
      managedBy: thirdParty ? "CUSTOMER" : "CISCO",
      devicePlatform: "cisco",
    };
    org.collections.devices.add(device);
    const line = crypto.randomUUID().slice(0, 10);
    org.collections.telephonyDevices.add({
      managedBy: device.managedBy,
      owner: { sipUserName: line, linePort: `${line}@sim.int10.bcld.webex.com` },
      proxy: { outboundProxy: "hs1.hosted-int.bcld.webex.com" },
      manufacturer: thirdParty ? "THIRD_PARTY" : "CISCO",
      id,
      ip: "",
      mac: normalizeMac(mac),
      model,
      activationState: "activating",
      description: [],
      upgradeChannelEnabled: !thirdParty,
    });
    if (thirdParty && typeof body.password === "string") org.sipPasswords.set(id, body.password);
    logAction(sim, org, id, "createDevice");
    return c.json(device);
  });

  app.delete("/devices/:id", (c) => {
    requireScope(c, WRITE);
    const id = c.req.param("id");
    const { org } = locateObject(sim, c, "devices", id);
    org.collections.devices.remove(id);
    org.collections.telephonyDevices.remove(id);
    return c.body(null, 204);
  });

  app.post("/devices/activationCode", async (c) => {
    requireScope(c, WRITE);
    const org = actingOrg(sim, c);
    const body = await jsonBody(c);
    const ok = body.personId
      ? org.collections.people.get(String(body.personId))
      : org.collections.workspaces.get(String(body.workspaceId ?? ""));
    if (!ok) throw badRequest("workspaceId or personId must name a workspace or person of the org");
    const code = String(Math.floor(Math.random() * 1e16)).padStart(16, "0");
    return c.json({ code, expiryTime: new Date(sim.clock.now() + 7 * 86400_000).toISOString() });
  });

  app.get("/telephony/config/devices/:id", (c) => {
    requireScope(c, TEL_READ);
    return c.json(callingDevice(sim, c).obj);
  });

  // Third-party devices only: sets the SIP password the phone registers with (write-only, never returned).
  app.put("/telephony/config/devices/:id", async (c) => {
    requireScope(c, TEL_WRITE);
    const { org, obj } = callingDevice(sim, c);
    const body = await jsonBody(c);
    if (typeof body.sipPassword !== "string" || body.sipPassword.length < 8) {
      throw badRequest("sipPassword must be a string of at least 8 characters");
    }
    if (obj.manufacturer !== "THIRD_PARTY")
      throw badRequest("The SIP password can only be set on third-party devices.");
    const id = String(obj.id);
    const changed = org.sipPasswords.get(id) !== body.sipPassword;
    org.sipPasswords.set(id, body.sipPassword);
    logAction(sim, org, id, "setSipPassword", changed);
    return c.body(null, 204);
  });

  // Asks the device to fetch and apply its configuration; the simulator only records that it was asked.
  app.post("/telephony/config/devices/:id/actions/applyChanges/invoke", (c) => {
    requireScope(c, TEL_WRITE);
    const { org, obj } = callingDevice(sim, c);
    logAction(sim, org, String(obj.id), "applyChanges");
    return c.body(null, 204);
  });

  app.get("/telephony/config/devices/:id/members", (c) => {
    requireScope(c, TEL_READ);
    const { org, obj } = callingDevice(sim, c);
    const device = org.collections.devices.get(String(obj.id));
    const ownerId = String(device?.personId ?? device?.workspaceId ?? "");
    const owner = org.collections.people.get(ownerId) ?? org.collections.workspaces.get(ownerId);
    const members: Obj[] = [];
    if (owner) {
      const loc = org.collections.locations.get(String(owner.locationId));
      members.push({
        id: owner.id,
        firstName: owner.firstName ?? owner.displayName,
        lastName: owner.lastName ?? ".",
        extension: owner.extension,
        primaryOwner: true,
        port: 1,
        lineType: "PRIMARY",
        lineWeight: 1,
        linePort: (obj.owner as Obj | undefined)?.linePort,
        memberType: device?.personId ? "PEOPLE" : "PLACE",
        location: loc ? { name: loc.name, id: loc.id } : undefined,
      });
    }
    return c.json({ model: obj.model, members, maxLineCount: 10 });
  });

  // The spec asks for the write scope here, although validating changes nothing.
  app.post("/telephony/config/devices/actions/validateMacs/invoke", async (c) => {
    requireScope(c, TEL_WRITE);
    const org = actingOrg(sim, c);
    const body = await jsonBody(c);
    if (!Array.isArray(body.macs)) throw badRequest("macs must be an array");
    const macStatus = (body.macs as unknown[]).map((m) => {
      const mac = String(m);
      if (!/^[0-9A-Fa-f]{12}$/.test(normalizeMac(mac))) {
        return {
          mac,
          state: "UNAVAILABLE",
          errorCode: 5674,
          message: "[Error 5674] MAC Address is invalid.",
        };
      }
      if (macInUse(org, mac))
        return { mac, state: "UNAVAILABLE", errorCode: 5675, message: "[Error 5675] MAC Address is in use." };
      return { mac, state: "AVAILABLE" };
    });
    const status = macStatus.some((s) => s.state !== "AVAILABLE") ? "ERRORS" : "OK";
    return c.json({ status, macStatus });
  });

  const ownedDevices = (kind: "personId" | "workspaceId") => (c: Ctx) => {
    requireScope(c, TEL_READ);
    const id = c.req.param("id") ?? "";
    const { org, obj: owner } = locateObject(sim, c, kind === "personId" ? "people" : "workspaces", id);
    const byOwner = org.collections.devices.byField(kind);
    const devices = (byOwner.get(id) ?? [])
      .map((d) => ({ d, t: org.collections.telephonyDevices.get(String(d.id)) }))
      .filter((x) => x.t)
      .map(({ d, t }) => ({
        id: d.callingDeviceId ?? d.id,
        descriptions: t?.description,
        model: t?.model,
        mac: t?.mac,
        ipAddress: t?.ip,
        displayName: d.displayName,
        primaryOwner: true,
        type: "PRIMARY",
        owner: {
          id: owner.id,
          type: kind === "personId" ? "PEOPLE" : "PLACE",
          firstName: owner.firstName ?? owner.displayName,
          lastName: owner.lastName ?? ".",
        },
        activationState: t?.activationState,
      }));
    return c.json({ devices, maxDeviceCount: 5, maxOwnedDeviceCount: 5 });
  };
  app.get("/telephony/config/people/:id/devices", ownedDevices("personId"));
  app.get("/telephony/config/workspaces/:id/devices", ownedDevices("workspaceId"));
}
