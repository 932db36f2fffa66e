/**
 * @module sync/specs/shared
 * How each model is read from Webex (REFERENCE §3): which list call, which item key, the largest page size
 * Webex allows, which detail call Refresh Existing adds, and which fields become searchable columns.
 */
import type { ModelName } from "../../models/catalog.ts";
import type { Query } from "../../webex/client.ts";
import { arr, type Item, num, obj, str } from "../item.ts";

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
  | {
      /** One read per parent (a device's calling details, lines, configuration); a 404 means it has none. */
      kind: "perParentGet";
      parent: ModelName;
      include: (parent: Item) => boolean;
      path: (parent: Item) => string | null;
      query?: (parent: Item) => Query;
      /** Turns the answer into this model's items. */
      items: (body: Item, parent: Item) => Item[];
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

export const loc = (item: Item) => str(item.locationId) ?? str(obj(item.location).id);
export const locName = (item: Item) => str(item.locationName) ?? str(obj(item.location).name);
export const enc = encodeURIComponent;
export const detailIn = (segment: string) => (item: Item) => {
  const id = str(item.id);
  const locationId = loc(item);
  return id && locationId ? `/telephony/config/locations/${enc(locationId)}/${segment}/${enc(id)}` : null;
};
export const byId = (item: Item) => str(item.id);

/**
 * Schedules, call pickups and call parks have ids made from their name, so the same id appears in several
 * locations: they are keyed by location and id.
 */
export const byLocationAndId = (item: Item) => {
  const id = str(item.id);
  const locationId = loc(item);
  return id && locationId ? `${locationId}|${id}` : null;
};

/** A list read once per location (`/telephony/config/locations/{id}/<segment>`), each item told its location. */
export function perLocation(segment: string, itemKey: string): Fetch {
  return {
    kind: "perParent",
    parent: "Location",
    path: (p) => (str(p.id) ? `/telephony/config/locations/${enc(str(p.id)!)}/${segment}` : null),
    itemKey,
    page: TELEPHONY_PAGE,
    annotate: (item, p) => ({ locationId: str(p.id), locationName: str(p.name), ...item }),
  };
}
export const TELEPHONY_PAGE = { param: "max", size: 2000 } as const;

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

export function hasLicence(item: Item, ids: Set<string>) {
  return arr(item.licenses).some((id) => typeof id === "string" && ids.has(id));
}

/** How many agents a hunt group, pickup or park has (known once its detail is read). */
export const agentCount = (item: Item) => (Array.isArray(item.agents) ? item.agents.length : null);

/** Where a telephony object sits, as columns. */
export const atLocation = { locationId: loc, locationName: locName };

/** A `/telephony/config/<path>` list at Webex's largest page size. */
export function telephonyList(path: string, itemKey: string): Fetch {
  return { kind: "list", path: `/telephony/config/${path}`, itemKey, page: TELEPHONY_PAGE };
}

/** The detail call `<prefix>/<id>`. */
export function detailAt(prefix: string) {
  return (item: Item) => (str(item.id) ? `${prefix}/${enc(str(item.id)!)}` : null);
}

/** The shape most models share: keyed by Webex id, labelled by `name`, with `name` first among the columns. */
export function named(
  name: ModelName,
  fetch: Fetch,
  columns: ModelSpec["columns"],
  extra: Partial<Pick<ModelSpec, "detail" | "id">> = {},
): ModelSpec {
  return {
    name,
    fetch,
    id: byId,
    label: (i) => str(i.name),
    ...extra,
    columns: { name: (i) => str(i.name), ...columns },
  };
}

/** A floor list (`<prefix>/<parent id>/floors`), each floor told the location it belongs to. */
export function floorsOf(parent: ModelName, prefix: string): Fetch {
  return {
    kind: "perParent",
    parent,
    path: (p) => (str(p.id) ? `${prefix}/${enc(str(p.id)!)}/floors` : null),
    itemKey: "items",
    annotate: (item, p) => ({ locationId: str(p.id), ...item }),
  };
}

/** Floors look the same wherever they come from. */
export function floorSpec(name: ModelName, fetch: Fetch): ModelSpec {
  return {
    name,
    fetch,
    id: byId,
    label: (i) => str(i.displayName),
    columns: {
      displayName: (i) => str(i.displayName),
      floorNumber: (i) => num(i.floorNumber),
      locationId: (i) => str(i.locationId),
    },
  };
}
