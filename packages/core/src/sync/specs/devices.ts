/** Devices, devices awaiting activation, and the read-only groups, teams and rooms. */
import type { ModelName } from "../../models/catalog.ts";
import { bool, num, str } from "../item.ts";
import { byId, type ModelSpec, named } from "./shared.ts";

export const DEVICES_SPECS = {
  Device: {
    name: "Device",
    fetch: { kind: "list", path: "/devices", itemKey: "items", page: { param: "max", size: 1000 } },
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      product: (i) => str(i.product),
      mac: (i) => str(i.mac),
      serial: (i) => str(i.serial),
      personId: (i) => str(i.personId),
      workspaceId: (i) => str(i.workspaceId),
      ownerEmail: (i) => str(i.ownerEmail),
      locationId: (i) => str(i.locationId),
      connectionStatus: (i) => str(i.connectionStatus),
      managedBy: (i) => str(i.managedBy),
      lastSeen: (i) => str(i.lastSeen),
      callingLicensed: (i) => bool(i.callingLicensed),
    },
  },
  // There is no list of activation codes at Webex; VOSS's ActivateDevice is shown as the devices awaiting activation.
  ActivateDevice: {
    name: "ActivateDevice",
    fetch: {
      kind: "derived",
      from: "Device",
      select: (rows) => rows.filter((d) => str(d.connectionStatus) === "activating"),
    },
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      product: (i) => str(i.product),
      personId: (i) => str(i.personId),
      workspaceId: (i) => str(i.workspaceId),
    },
  },
  Group: {
    name: "Group",
    fetch: { kind: "list", path: "/groups", itemKey: "groups", page: { param: "count", size: 100 } },
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      memberSize: (i) => num(i.memberSize),
      description: (i) => str(i.description),
    },
  },
  Team: named(
    "Team",
    { kind: "list", path: "/teams", itemKey: "items", page: { param: "max", size: 1000 } },
    { description: (i) => str(i.description), created: (i) => str(i.created) },
  ),
  Room: {
    name: "Room",
    fetch: { kind: "list", path: "/rooms", itemKey: "items", page: { param: "max", size: 1000 } },
    id: byId,
    label: (i) => str(i.title),
    columns: {
      title: (i) => str(i.title),
      type: (i) => str(i.type),
      teamId: (i) => str(i.teamId),
      isLocked: (i) => bool(i.isLocked),
      lastActivity: (i) => str(i.lastActivity),
    },
  },
} satisfies Partial<Record<ModelName, ModelSpec>>;
