/** People and workspaces, with their calling settings (UserConfig, WorkspaceCallSettings). */
import type { ModelName } from "../../models/catalog.ts";
import { arr, bool, joined, num, obj, str } from "../item.ts";
import {
  byId,
  enc,
  hasLicence,
  type ModelSpec,
  USER_CONFIG_FEATURES,
  WORKSPACE_CALL_FEATURES,
} from "./shared.ts";

export const PEOPLE_SPECS = {
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
} satisfies Partial<Record<ModelName, ModelSpec>>;
