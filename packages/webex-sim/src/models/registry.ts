import { str } from "../tenant/collection.ts";
import { contains, cursor, eq, type ModelDef, nestedEq, none, offset, SCOPES as S } from "./defs.ts";
import { TELEPHONY_MODELS } from "./telephony.ts";

export { type ModelDef, pick, SCOPES } from "./defs.ts";

const T = "/telephony/config";
const telephonyLocationListKeys = [
  "id",
  "name",
  "routingPrefix",
  "outsideDialDigit",
  "callingLineId",
  "e911SetupRequired",
  "enforceOutsideDialDigit",
];

/** Every generic list (+ detail) endpoint. People, groups, numbers, licences and organizations have their own routes. */
export const MODELS: ModelDef[] = [
  {
    model: "roles",
    listPath: "/roles",
    detailPath: "/roles/:id",
    itemsKey: "items",
    paging: none,
    scopes: S.roles,
  },
  {
    model: "locations",
    listPath: "/locations",
    detailPath: "/locations/:id",
    itemsKey: "items",
    paging: cursor(500),
    scopes: S.locations,
    filters: { name: contains("name"), id: eq("id") },
  },
  {
    model: "floors",
    listPath: "/locations/:locationId/floors",
    detailPath: "/locations/:locationId/floors/:id",
    itemsKey: "items",
    paging: none,
    scopes: S.locations,
  },
  {
    model: "telephonyLocations",
    listPath: `${T}/locations`,
    detailPath: `${T}/locations/:id`,
    itemsKey: "locations",
    paging: offset(2000),
    scopes: S.telephony,
    listKeys: telephonyLocationListKeys,
    filters: { name: contains("name") },
  },
  {
    model: "workspaceLocations",
    listPath: "/workspaceLocations",
    detailPath: "/workspaceLocations/:id",
    itemsKey: "items",
    paging: none,
    scopes: S.workspaceLocations,
    filters: {
      displayName: contains("displayName"),
      cityName: eq("cityName"),
      countryCode: eq("countryCode"),
    },
  },
  {
    model: "workspaceLocationFloors",
    listPath: "/workspaceLocations/:locationId/floors",
    detailPath: "/workspaceLocations/:locationId/floors/:id",
    itemsKey: "items",
    paging: none,
    scopes: S.workspaceLocations,
  },
  {
    model: "workspaces",
    listPath: "/workspaces",
    detailPath: "/workspaces/:id",
    itemsKey: "items",
    paging: offset(100),
    scopes: S.workspaces,
    filters: {
      locationId: eq("locationId"),
      workspaceLocationId: eq("workspaceLocationId"),
      floorId: eq("floorId"),
      displayName: contains("displayName"),
      type: eq("type"),
      calling: nestedEq("calling", "type"),
      supportedDevices: eq("supportedDevices"),
      devicePlatform: eq("devicePlatform"),
    },
  },
  {
    model: "devices",
    listPath: "/devices",
    detailPath: "/devices/:id",
    itemsKey: "items",
    paging: offset(100),
    scopes: S.devices,
    filters: {
      personId: eq("personId"),
      workspaceId: eq("workspaceId"),
      locationId: eq("locationId"),
      workspaceLocationId: eq("workspaceLocationId"),
      displayName: contains("displayName"),
      product: eq("product"),
      type: eq("type"),
      serial: eq("serial"),
      software: eq("software"),
      connectionStatus: eq("connectionStatus"),
      upgradeChannel: eq("upgradeChannel"),
      devicePlatform: eq("devicePlatform"),
      mac: (o, v) =>
        (str(o, "mac") ?? "").replaceAll(":", "").toLowerCase() === v.replaceAll(":", "").toLowerCase(),
    },
  },
  {
    model: "teams",
    listPath: "/teams",
    detailPath: "/teams/:id",
    itemsKey: "items",
    paging: cursor(100),
    scopes: S.teams,
  },
  {
    model: "rooms",
    listPath: "/rooms",
    detailPath: "/rooms/:id",
    itemsKey: "items",
    paging: cursor(100),
    scopes: S.rooms,
    filters: { teamId: eq("teamId"), type: eq("type") },
  },
  ...TELEPHONY_MODELS,
];
