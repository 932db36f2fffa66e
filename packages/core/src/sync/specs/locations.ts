/** Locations, floors, workspace locations, location calling settings, schedules and announcements. */
import type { ModelName } from "../../models/catalog.ts";
import { obj, str } from "../item.ts";
import {
  byId,
  byLocationAndId,
  enc,
  floorSpec,
  floorsOf,
  loc,
  locName,
  type ModelSpec,
  perLocation,
  TELEPHONY_PAGE,
} from "./shared.ts";

export const LOCATIONS_SPECS = {
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
  WorkspaceLocationFloor: floorSpec(
    "WorkspaceLocationFloor",
    floorsOf("WorkspaceLocation", "/workspaceLocations"),
  ),
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
  LocationFloor: floorSpec("LocationFloor", floorsOf("Location", "/locations")),
  // VOSS keeps floors twice; Webex has one floors API, so Floor is read from what LocationFloor fetched.
  Floor: floorSpec("Floor", { kind: "derived", from: "LocationFloor", select: (rows) => rows }),
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
    fetch: perLocation("schedules", "schedules"),
    detail: (i) => {
      const id = str(i.id);
      const locationId = loc(i);
      const type = str(i.type);
      return id && locationId && type
        ? `/telephony/config/locations/${enc(locationId)}/schedules/${enc(type)}/${enc(id)}`
        : null;
    },
    id: byLocationAndId,
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
} satisfies Partial<Record<ModelName, ModelSpec>>;
