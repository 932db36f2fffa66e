/**
 * @module sync/specs
 * How each model is read from Webex (REFERENCE §3): which list call, which item key, the largest page size
 * Webex allows, which detail call Refresh Existing adds, and which fields become searchable columns.
 */
import type { ModelName } from "../models/catalog.ts";
import type { Query } from "../webex/client.ts";
import { arr, bool, type Item, joined, num, obj, str } from "./item.ts";

export type ColumnValue = string | number | boolean | null;

/** What a sync needs to know of earlier models to plan this one (licences, for the licence check). */
export type PlanContext = {
  /** Licence ids named "Webex Calling - Professional". */
  professionalLicenceIds: Set<string>;
  /** Licence ids that count as calling licences (Professional or Workspaces). */
  callingLicenceIds: Set<string>;
};

export type Fetch =
  | { kind: "single"; path: (orgId: string) => string }
  | {
      kind: "list";
      path: string;
      itemKey: string;
      query?: Query;
      page?: { param: "max" | "count"; size: number };
    }
  | {
      kind: "perParent";
      parent: ModelName;
      path: (parent: Item) => string | null;
      itemKey: string;
      query?: Query;
      page?: { param: "max"; size: number };
      /** Adds what the child does not carry itself (e.g. the location id of a floor list). */
      annotate?: (item: Item, parent: Item) => Item;
    }
  | {
      kind: "features";
      parent: ModelName;
      /** Only these parents get their settings read. */
      include: (parent: Item, ctx: PlanContext) => boolean;
      features: readonly string[];
      path: (parent: Item, feature: string) => string;
    }
  | { kind: "derived"; from: ModelName; select: (rows: Item[]) => Item[] };

export type ModelSpec = {
  name: ModelName;
  fetch: Fetch;
  /** The full object, read by Refresh Existing (not by Quick Import). */
  detail?: (item: Item) => string | null;
  id: (item: Item) => string | null;
  /** A readable label for lists and change reports. */
  label: (item: Item) => string | null;
  columns: Record<string, (item: Item, ctx: PlanContext) => ColumnValue>;
};

const loc = (item: Item) => str(item.locationId) ?? str(obj(item.location).id);
const locName = (item: Item) => str(item.locationName) ?? str(obj(item.location).name);
const enc = encodeURIComponent;
const detailIn = (segment: string) => (item: Item) => {
  const id = str(item.id);
  const locationId = loc(item);
  return id && locationId ? `/telephony/config/locations/${enc(locationId)}/${segment}/${enc(id)}` : null;
};
const byId = (item: Item) => str(item.id);
const TELEPHONY_PAGE = { param: "max", size: 2000 } as const;

/** Calling settings read per user with a Professional licence (VOSS's UserConfig). */
export const USER_CONFIG_FEATURES = [
  "callForwarding",
  "callWaiting",
  "callerId",
  "doNotDisturb",
  "voicemail",
  "numbers",
  "incomingPermission",
  "outgoingPermission",
  "intercept",
  "privacy",
] as const;

export const WORKSPACE_CALL_FEATURES = [
  "callForwarding",
  "callWaiting",
  "callerId",
  "incomingPermission",
  "intercept",
  "numbers",
  "outgoingPermission",
] as const;

const NUMBER_USAGE: Record<string, string> = {
  PEOPLE: "User",
  PLACE: "Workspace",
  HUNT_GROUP: "HuntGroup",
  AUTO_ATTENDANT: "AutoAttendant",
  CALL_QUEUE: "CallQueue",
  VIRTUAL_LINE: "VirtualLine",
  PAGING_GROUP: "PagingGroup",
  VOICE_MESSAGING: "VoiceMessaging",
  VOICEMAIL_GROUP: "VoicemailGroup",
  ROUTE_LIST: "RouteList",
};

/** VOSS's number inventory columns: Used/Available, the owner's kind, and the vendor. */
export function numberInventory(item: Item) {
  const owner = obj(item.owner);
  const ownerType = str(owner.type);
  return {
    status: ownerType ? "Used" : "Available",
    usage: ownerType ? (NUMBER_USAGE[ownerType] ?? ownerType) : null,
    vendor: "Webex Calling",
  };
}

function hasLicence(item: Item, ids: Set<string>) {
  return arr(item.licenses).some((id) => typeof id === "string" && ids.has(id));
}

export const MODEL_SPECS: Record<ModelName, ModelSpec> = {
  Organization: {
    name: "Organization",
    fetch: { kind: "single", path: (orgId) => `/organizations/${enc(orgId)}` },
    id: byId,
    label: (i) => str(i.displayName),
    columns: { displayName: (i) => str(i.displayName), created: (i) => str(i.created) },
  },
  Role: {
    name: "Role",
    fetch: { kind: "list", path: "/roles", itemKey: "items" },
    id: byId,
    label: (i) => str(i.name),
    columns: { name: (i) => str(i.name) },
  },
  License: {
    name: "License",
    fetch: { kind: "list", path: "/licenses", itemKey: "items" },
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      totalUnits: (i) => num(i.totalUnits),
      consumedUnits: (i) => num(i.consumedUnits),
      consumedByUsers: (i) => num(i.consumedByUsers),
      consumedByWorkspaces: (i) => num(i.consumedByWorkspaces),
      subscriptionId: (i) => str(i.subscriptionId),
    },
  },
  CallingProfile: {
    name: "CallingProfile",
    fetch: { kind: "list", path: "/telephony/config/callingProfiles", itemKey: "callingProfiles" },
    id: byId,
    label: (i) => str(i.name),
    columns: { name: (i) => str(i.name) },
  },
  WorkspaceLocation: {
    name: "WorkspaceLocation",
    fetch: { kind: "list", path: "/workspaceLocations", itemKey: "items" },
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      locationId: (i) => str(i.locationId),
      cityName: (i) => str(i.cityName),
      countryCode: (i) => str(i.countryCode),
    },
  },
  WorkspaceLocationFloor: {
    name: "WorkspaceLocationFloor",
    fetch: {
      kind: "perParent",
      parent: "WorkspaceLocation",
      path: (p) => (str(p.id) ? `/workspaceLocations/${enc(str(p.id)!)}/floors` : null),
      itemKey: "items",
      annotate: (item, p) => ({ locationId: str(p.id), ...item }),
    },
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      floorNumber: (i) => num(i.floorNumber),
      locationId: (i) => str(i.locationId),
    },
  },
  Location: {
    name: "Location",
    fetch: { kind: "list", path: "/locations", itemKey: "items", page: { param: "max", size: 1000 } },
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      timeZone: (i) => str(i.timeZone),
      city: (i) => str(obj(i.address).city),
      country: (i) => str(obj(i.address).country),
      preferredLanguage: (i) => str(i.preferredLanguage),
    },
  },
  LocationFloor: {
    name: "LocationFloor",
    fetch: {
      kind: "perParent",
      parent: "Location",
      path: (p) => (str(p.id) ? `/locations/${enc(str(p.id)!)}/floors` : null),
      itemKey: "items",
      annotate: (item, p) => ({ locationId: str(p.id), ...item }),
    },
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      floorNumber: (i) => num(i.floorNumber),
      locationId: (i) => str(i.locationId),
    },
  },
  // VOSS keeps floors twice; Webex has one floors API, so Floor is read from what LocationFloor fetched.
  Floor: {
    name: "Floor",
    fetch: { kind: "derived", from: "LocationFloor", select: (rows) => rows },
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      floorNumber: (i) => num(i.floorNumber),
      locationId: (i) => str(i.locationId),
    },
  },
  LocationCallingDetails: {
    name: "LocationCallingDetails",
    fetch: { kind: "list", path: "/telephony/config/locations", itemKey: "locations", page: TELEPHONY_PAGE },
    detail: (i) => (str(i.id) ? `/telephony/config/locations/${enc(str(i.id)!)}` : null),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      routingPrefix: (i) => str(i.routingPrefix),
      outsideDialDigit: (i) => str(i.outsideDialDigit),
      callingLineIdNumber: (i) => str(obj(i.callingLineId).phoneNumber),
      connectionType: (i) => str(obj(i.connection).type),
      announcementLanguage: (i) => str(i.announcementLanguage),
    },
  },
  Schedules: {
    name: "Schedules",
    fetch: {
      kind: "perParent",
      parent: "Location",
      path: (p) => (str(p.id) ? `/telephony/config/locations/${enc(str(p.id)!)}/schedules` : null),
      itemKey: "schedules",
      page: TELEPHONY_PAGE,
      annotate: (item, p) => ({ locationId: str(p.id), locationName: str(p.name), ...item }),
    },
    detail: (i) => {
      const id = str(i.id);
      const locationId = loc(i);
      const type = str(i.type);
      return id && locationId && type
        ? `/telephony/config/locations/${enc(locationId)}/schedules/${enc(type)}/${enc(id)}`
        : null;
    },
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      type: (i) => str(i.type),
      locationId: loc,
      locationName: locName,
      eventCount: (i) => (Array.isArray(i.events) ? i.events.length : null),
    },
  },
  Announcements: {
    name: "Announcements",
    fetch: {
      kind: "list",
      path: "/telephony/config/announcements",
      itemKey: "announcements",
      page: TELEPHONY_PAGE,
    },
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      fileName: (i) => str(i.fileName),
      mediaFileType: (i) => str(i.mediaFileType),
      level: (i) => str(i.level),
      locationId: loc,
    },
  },
  User: {
    name: "User",
    fetch: {
      kind: "list",
      path: "/people",
      itemKey: "items",
      query: { callingData: true, excludeStatus: true },
      page: { param: "max", size: 100 },
    },
    detail: (i) => (str(i.id) ? `/people/${enc(str(i.id)!)}?callingData=true` : null),
    id: byId,
    label: (i) => str(arr(i.emails)[0]) ?? str(i.displayName),
    columns: {
      email: (i) => str(arr(i.emails)[0]),
      displayName: (i) => str(i.displayName),
      firstName: (i) => str(i.firstName),
      lastName: (i) => str(i.lastName),
      extension: (i) => str(i.extension),
      phoneNumbers: (i) => joined(arr(i.phoneNumbers).map((p) => obj(p).value)),
      locationId: (i) => str(i.locationId),
      licenses: (i) => joined(arr(i.licenses)),
      roles: (i) => joined(arr(i.roles)),
      department: (i) => str(i.department),
      title: (i) => str(i.title),
      loginEnabled: (i) => bool(i.loginEnabled),
      callingLicensed: (i, ctx) => hasLicence(i, ctx.callingLicenceIds),
      created: (i) => str(i.created),
    },
  },
  UserConfig: {
    name: "UserConfig",
    fetch: {
      kind: "features",
      parent: "User",
      include: (user, ctx) => hasLicence(user, ctx.professionalLicenceIds),
      features: USER_CONFIG_FEATURES,
      path: (user, feature) => `/people/${enc(str(user.id) ?? "")}/features/${feature}`,
    },
    id: (i) => str(i.personId),
    label: (i) => str(i.email),
    columns: {
      personId: (i) => str(i.personId),
      email: (i) => str(i.email),
      dndEnabled: (i) => bool(obj(i.doNotDisturb).enabled),
      voicemailEnabled: (i) => bool(obj(i.voicemail).enabled),
      callWaitingEnabled: (i) => bool(obj(i.callWaiting).enabled),
      forwardAlwaysEnabled: (i) => bool(obj(obj(obj(i.callForwarding).callForwarding).always).enabled),
    },
  },
  Place: {
    name: "Place",
    fetch: { kind: "list", path: "/workspaces", itemKey: "items", page: { param: "max", size: 1000 } },
    detail: (i) => (str(i.id) ? `/workspaces/${enc(str(i.id)!)}` : null),
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      locationId: (i) => str(i.locationId),
      floorId: (i) => str(i.floorId),
      type: (i) => str(i.type),
      callingType: (i) => str(obj(i.calling).type),
      capacity: (i) => num(i.capacity),
      supportedDevices: (i) => str(i.supportedDevices),
    },
  },
  WorkspaceCallSettings: {
    name: "WorkspaceCallSettings",
    fetch: {
      kind: "features",
      parent: "Place",
      include: (place) => str(obj(place.calling).type) === "webexCalling",
      features: WORKSPACE_CALL_FEATURES,
      path: (place, feature) => `/workspaces/${enc(str(place.id) ?? "")}/features/${feature}`,
    },
    id: (i) => str(i.workspaceId),
    label: (i) => str(i.displayName),
    columns: {
      workspaceId: (i) => str(i.workspaceId),
      displayName: (i) => str(i.displayName),
      callWaitingEnabled: (i) => bool(obj(i.callWaiting).enabled),
      forwardAlwaysEnabled: (i) => bool(obj(obj(obj(i.callForwarding).callForwarding).always).enabled),
    },
  },
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
  Team: {
    name: "Team",
    fetch: { kind: "list", path: "/teams", itemKey: "items", page: { param: "max", size: 1000 } },
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      description: (i) => str(i.description),
      created: (i) => str(i.created),
    },
  },
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
  HuntGroup: {
    name: "HuntGroup",
    fetch: {
      kind: "list",
      path: "/telephony/config/huntGroups",
      itemKey: "huntGroups",
      page: TELEPHONY_PAGE,
    },
    detail: detailIn("huntGroups"),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      phoneNumber: (i) => str(i.phoneNumber),
      extension: (i) => str(i.extension),
      locationId: loc,
      locationName: locName,
      enabled: (i) => bool(i.enabled),
      agentCount: (i) => (Array.isArray(i.agents) ? i.agents.length : null),
    },
  },
  AutoAttendants: {
    name: "AutoAttendants",
    fetch: {
      kind: "list",
      path: "/telephony/config/autoAttendants",
      itemKey: "autoAttendants",
      page: TELEPHONY_PAGE,
    },
    detail: detailIn("autoAttendants"),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      phoneNumber: (i) => str(i.phoneNumber),
      extension: (i) => str(i.extension),
      locationId: loc,
      locationName: locName,
      businessSchedule: (i) => str(i.businessSchedule),
    },
  },
  CallPickup: {
    name: "CallPickup",
    fetch: {
      kind: "perParent",
      parent: "Location",
      path: (p) => (str(p.id) ? `/telephony/config/locations/${enc(str(p.id)!)}/callPickups` : null),
      itemKey: "callPickups",
      page: TELEPHONY_PAGE,
      annotate: (item, p) => ({ locationId: str(p.id), locationName: str(p.name), ...item }),
    },
    detail: detailIn("callPickups"),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      locationId: loc,
      locationName: locName,
      notificationType: (i) => str(i.notificationType),
      agentCount: (i) => (Array.isArray(i.agents) ? i.agents.length : null),
    },
  },
  CallParkGroup: {
    name: "CallParkGroup",
    fetch: {
      kind: "perParent",
      parent: "Location",
      path: (p) => (str(p.id) ? `/telephony/config/locations/${enc(str(p.id)!)}/callParks` : null),
      itemKey: "callParks",
      page: TELEPHONY_PAGE,
      annotate: (item, p) => ({ locationId: str(p.id), locationName: str(p.name), ...item }),
    },
    detail: detailIn("callParks"),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      locationId: loc,
      locationName: locName,
      recallOption: (i) => str(obj(i.recall).option),
      agentCount: (i) => (Array.isArray(i.agents) ? i.agents.length : null),
    },
  },
  CallParkExtensions: {
    name: "CallParkExtensions",
    fetch: {
      kind: "list",
      path: "/telephony/config/callParkExtensions",
      itemKey: "callParkExtensions",
      page: TELEPHONY_PAGE,
    },
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      extension: (i) => str(i.extension),
      locationId: loc,
      locationName: locName,
    },
  },
  Number: {
    name: "Number",
    fetch: { kind: "list", path: "/telephony/config/numbers", itemKey: "phoneNumbers", page: TELEPHONY_PAGE },
    // Extension-only rows have an empty phoneNumber: key them by location and extension instead.
    id: (i) => str(i.phoneNumber) ?? (str(i.extension) ? `ext:${loc(i) ?? "?"}:${str(i.extension)}` : null),
    label: (i) => str(i.phoneNumber) ?? str(i.extension),
    columns: {
      phoneNumber: (i) => str(i.phoneNumber),
      extension: (i) => str(i.extension),
      state: (i) => str(i.state),
      phoneNumberType: (i) => str(i.phoneNumberType),
      mainNumber: (i) => bool(i.mainNumber),
      tollFreeNumber: (i) => bool(i.tollFreeNumber),
      locationId: loc,
      locationName: locName,
      ownerId: (i) => str(obj(i.owner).id),
      ownerType: (i) => str(obj(i.owner).type),
      ownerName: (i) => joined([obj(i.owner).firstName, obj(i.owner).lastName]),
      status: (i) => numberInventory(i).status,
      usage: (i) => numberInventory(i).usage,
      vendor: (i) => numberInventory(i).vendor,
      callingLicensed: (i) => bool(i.callingLicensed),
    },
  },
  DialPlans: {
    name: "DialPlans",
    fetch: {
      kind: "list",
      path: "/telephony/config/premisePstn/dialPlans",
      itemKey: "dialPlans",
      page: TELEPHONY_PAGE,
    },
    detail: (i) => (str(i.id) ? `/telephony/config/premisePstn/dialPlans/${enc(str(i.id)!)}` : null),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      routeId: (i) => str(i.routeId),
      routeName: (i) => str(i.routeName),
      routeType: (i) => str(i.routeType),
    },
  },
  RouteGroups: {
    name: "RouteGroups",
    fetch: {
      kind: "list",
      path: "/telephony/config/premisePstn/routeGroups",
      itemKey: "routeGroups",
      page: TELEPHONY_PAGE,
    },
    detail: (i) => (str(i.id) ? `/telephony/config/premisePstn/routeGroups/${enc(str(i.id)!)}` : null),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      inUse: (i) => bool(i.inUse),
      gatewayCount: (i) => (Array.isArray(i.localGateways) ? i.localGateways.length : null),
    },
  },
  Trunks: {
    name: "Trunks",
    fetch: {
      kind: "list",
      path: "/telephony/config/premisePstn/trunks",
      itemKey: "trunks",
      page: TELEPHONY_PAGE,
    },
    detail: (i) => (str(i.id) ? `/telephony/config/premisePstn/trunks/${enc(str(i.id)!)}` : null),
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      trunkType: (i) => str(i.trunkType),
      locationId: loc,
      locationName: locName,
      inUse: (i) => bool(i.inUse),
      status: (i) => str(i.status),
    },
  },
};
