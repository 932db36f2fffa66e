import { TEAM_CLUSTER, webexId } from "../util/ids.ts";
import type { Prng } from "../util/prng.ts";
import type { Obj } from "./collection.ts";
import { addNumber, type GenCtx, intern, isoDaysAgo, type LocInfo, nextDid, nextExt } from "./context.ts";
import { CISCO_PHONES, CISCO_ROOM_DEVICES, THIRD_PARTY_PHONES } from "./names.ts";

/** What a device needs of its owner's location; the control API builds this from a stored location. */
export type DeviceLoc = Pick<LocInfo, "id" | "routingPrefix"> & { workspaceLocationId?: string };
export type DeviceOwner = {
  kind: "person" | "workspace";
  obj: Obj;
  loc: DeviceLoc | undefined;
  calling: boolean;
};
type DeviceKind = "ciscoPhone" | "room" | "thirdParty";
/** Choices the control API makes itself (e.g. a MAC it knows to be unused) instead of drawing them. */
export type DeviceFixed = { managedBy?: "PARTNER" | "CUSTOMER"; mac?: string };

export function randomMac(rng: Prng): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(rng.int(0, 255).toString(16).padStart(2, "0").toUpperCase());
  return parts.join(":");
}

/**
 * One device (hardware) for a person or workspace, plus its Webex Calling record when it is a calling device.
 * Only `org` and `rng` of the context are used, so the control API can add devices after generation.
 */
export function addDevice(
  ctx: Pick<GenCtx, "org" | "rng">,
  owner: DeviceOwner,
  kind: DeviceKind,
  fixed: DeviceFixed = {},
): Obj {
  const { org, rng } = ctx;
  const uuid = rng.uuid().toUpperCase();
  const id = webexId("DEVICE", uuid, TEAM_CLUSTER);
  // `??` keeps generation byte-identical: the rng is only skipped when a value is fixed.
  const macAddress = fixed.mac ?? randomMac(rng);
  const product =
    kind === "room"
      ? rng.pick(CISCO_ROOM_DEVICES)
      : kind === "ciscoPhone"
        ? rng.pick(CISCO_PHONES)
        : rng.pick(THIRD_PARTY_PHONES);
  const managedBy =
    kind === "thirdParty" ? (fixed.managedBy ?? (rng.chance(0.5) ? "PARTNER" : "CUSTOMER")) : "CISCO";
  const ip = `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const ownerName = String(owner.obj.displayName);
  const calling = owner.calling && kind !== "room";
  const callingDeviceId = calling ? webexId("CALLING_DEVICE", uuid, TEAM_CLUSTER) : undefined;
  const firstSeen = isoDaysAgo(ctx, 900);
  const workspace = owner.kind === "workspace" ? owner.obj.id : undefined;
  // A single literal keeps the object in V8's compact fast mode (see gen-people.ts).
  const device: Obj = {
    id,
    callingDeviceId,
    webexDeviceId: kind === "thirdParty" ? undefined : id,
    displayName: `${ownerName} (${product.replace(/^DMS /, "")})`,
    placeId: workspace,
    workspaceId: workspace,
    personId: owner.kind === "person" ? owner.obj.id : undefined,
    orgId: org.id,
    capabilities: intern(kind === "room" ? ["xapi"] : []),
    permissions: intern(kind === "room" ? ["xapi:readonly"] : []),
    connectionStatus: rng.pick([
      "connected",
      "connected",
      "connected",
      "disconnected",
      "connected_with_issues",
    ]),
    product: product.replace(/^DMS /, ""),
    type: kind === "room" ? "roomdesk" : "phone",
    tags: intern([]),
    ip,
    activeInterface: "wired",
    mac: macAddress,
    primarySipUrl: `${rng.token(8)}@${org.domain.split(".")[0]}.calls.webex.com`,
    sipUrls: intern([]),
    serial: `FOC${rng.int(1000, 9999)}${rng.token(4).toUpperCase()}`,
    software: kind === "thirdParty" ? "" : kind === "room" ? "RoomOS 11.14.1.5" : "sip88xx.14-2-1MN-12",
    upgradeChannel: "stable",
    created: firstSeen,
    locationId: owner.loc?.id,
    workspaceLocationId: owner.kind === "workspace" ? owner.loc?.workspaceLocationId : undefined,
    errorCodes: intern([]),
    firstSeen,
    lastSeen: isoDaysAgo(ctx, 2),
    managedBy,
    devicePlatform: "cisco",
    plannedMaintenance: "off",
  };
  org.collections.devices.add(device);

  if (!calling || !owner.loc) return device;
  const lineUser = `${rng.token(10)}`;
  org.collections.telephonyDevices.add({
    managedBy,
    owner: {
      sipUserName: lineUser,
      linePort: `${lineUser}@${owner.loc.routingPrefix}${rng.int(1000, 9999)}.int10.bcld.webex.com`,
    },
    proxy: { outboundProxy: `hs${rng.int(1, 30)}.hosted-int.bcld.webex.com` },
    manufacturer: kind === "thirdParty" ? "THIRD_PARTY" : "CISCO",
    id,
    ip,
    mac: macAddress.replaceAll(":", ""),
    model: product,
    activationState: "activated",
    description: intern([]),
    upgradeChannelEnabled: kind !== "thirdParty",
  });
  if (kind === "thirdParty") org.sipPasswords.set(id, rng.token(16));
  return device;
}

/** Workspaces (~1 per 20 users) and devices (~1.1 per user) owned by people or workspaces. */
export function generateWorkspacesAndDevices(ctx: GenCtx): void {
  const { org, rng } = ctx;
  const count = ctx.lean ? 0 : Math.max(1, Math.round(ctx.users / 20));
  for (let w = 0; w < count; w++) {
    const loc = ctx.locs[Math.floor((w * ctx.locs.length) / count)] ?? ctx.locs[0]!;
    const callingType = rng.chance(0.7) ? "webexCalling" : rng.chance(0.5) ? "freeCalling" : "none";
    const phones = rng.chance(0.4);
    const name = `${loc.name} ${phones ? "Desk" : "Room"} ${w + 1}`;
    const workspace: Obj = {
      id: webexId("PLACES", rng.uuid()),
      orgId: org.id,
      locationId: loc.id,
      workspaceLocationId: loc.workspaceLocationId,
      floorId: rng.pick(loc.floorIds),
      displayName: name,
      capacity: phones ? 1 : rng.int(2, 16),
      type: phones ? "desk" : rng.pick(["meetingRoom", "huddle", "focus", "open"]),
      sipAddress: `${name.toLowerCase().replaceAll(" ", "_")}@${org.domain.split(".")[0]}.room.ciscospark.com`,
      created: isoDaysAgo(ctx, 1000),
      calling:
        callingType === "webexCalling"
          ? { type: "webexCalling", webexCalling: { licenses: [String(ctx.licenses.workspaces.id)] } }
          : { type: callingType },
      calendar: { type: "none" },
      notes: "",
      hotdeskingStatus: phones ? "on" : "off",
      supportedDevices: phones ? "phones" : "collaborationDevices",
      devicePlatform: "cisco",
    };
    org.collections.workspaces.add(workspace);
    const calling = callingType === "webexCalling";
    if (calling) {
      const owner = { id: workspace.id, type: "PLACE", firstName: name, lastName: "." };
      addNumber(ctx, loc, {
        phoneNumber: rng.chance(0.6) ? nextDid(loc) : "",
        extension: nextExt(loc, 6000),
        owner,
      });
    }
    const owner: DeviceOwner = { kind: "workspace", obj: workspace, loc, calling };
    const kind: DeviceKind = phones ? (rng.chance(0.1) ? "thirdParty" : "ciscoPhone") : "room";
    addDevice(ctx, owner, kind);
    if (rng.chance(0.5)) addDevice(ctx, owner, phones ? "ciscoPhone" : "room");
  }

  const locById = new Map(ctx.locs.map((l) => [l.id, l]));
  for (const person of org.collections.people.items) {
    const calling = typeof person.extension === "string";
    const loc = locById.get(String(person.locationId));
    const owner: DeviceOwner = { kind: "person", obj: person, loc, calling };
    const kindFor = (): DeviceKind => (!calling ? "room" : rng.chance(0.07) ? "thirdParty" : "ciscoPhone");
    if (rng.chance(0.97)) addDevice(ctx, owner, kindFor());
    if (rng.chance(0.055)) addDevice(ctx, owner, kindFor());
  }
}
