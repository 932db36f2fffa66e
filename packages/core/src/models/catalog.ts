/**
 * @module models/catalog
 * The Webex models wxsync syncs, under the names VOSS users know (`device/spark/<Name>`), in
 * SparkDataSyncOrder: everything a model refers to is synced before it (organization, roles and licences
 * before people; locations before people and workspaces; people and workspaces before devices and numbers).
 * Zod-free: the extension reads it for menus.
 */

export const SPARK_DATA_SYNC_ORDER = [
  "Organization",
  "Role",
  "License",
  "CallingProfile",
  "WorkspaceLocation",
  "WorkspaceLocationFloor",
  "Location",
  "LocationFloor",
  "Floor",
  "LocationCallingDetails",
  "Schedules",
  "Announcements",
  "User",
  "UserConfig",
  "Place",
  "WorkspaceCallSettings",
  "Device",
  "ActivateDevice",
  "DeviceCallingDetails",
  "DeviceLines",
  "DeviceConfiguration",
  "Group",
  "Team",
  "Room",
  "HuntGroup",
  "AutoAttendants",
  "CallPickup",
  "CallParkGroup",
  "CallParkExtensions",
  "Number",
  "DialPlans",
  "RouteGroups",
  "Trunks",
] as const;

export type ModelName = (typeof SPARK_DATA_SYNC_ORDER)[number];

export const MODEL_NAMES: readonly ModelName[] = SPARK_DATA_SYNC_ORDER;

/**
 * The partner-managed device details (Phonism's side of Webex): one Webex call per device each, so they have
 * their own daily data sync (SyncSparkDevices<Name>) instead of riding on every full sync.
 */
export const PARTNER_DEVICE_MODELS = ["DeviceCallingDetails", "DeviceLines", "DeviceConfiguration"] as const;

/** What SparkDataAllMTL means: VOSS's models, without the per-device details. */
export const SPARK_DATA_ALL_MODELS: readonly ModelName[] = MODEL_NAMES.filter(
  (name) => !(PARTNER_DEVICE_MODELS as readonly string[]).includes(name),
);

/** The devices data sync reads the device list first, so the details follow the devices Webex lists now. */
export const DEVICE_SYNC_MODELS: readonly ModelName[] = ["Device", ...PARTNER_DEVICE_MODELS];

/** Synced for reading only, as in VOSS. */
export const READ_ONLY_MODELS: readonly ModelName[] = ["Room", "Team", "Group"];

/** Added in VOSS release 25.1; part of SparkDataAllMTL here too. */
export const MODELS_SINCE_25_1: readonly ModelName[] = ["DialPlans", "RouteGroups", "Trunks"];

export const SPARK_DATA_ALL_MTL = "SparkDataAllMTL";
export const SPARK_DATA_SYNC_ORDER_NAME = "SparkDataSyncOrder";

export function isModelName(value: string): value is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(value);
}

/** The VOSS-style type identifier, e.g. `device/spark/User`. */
export function modelType(name: ModelName): string {
  return `device/spark/${name}`;
}

/** Orders any selection of models by SparkDataSyncOrder. */
export function inSyncOrder(models: Iterable<ModelName>): ModelName[] {
  const wanted = new Set(models);
  return SPARK_DATA_SYNC_ORDER.filter((name) => wanted.has(name));
}

/** A model type list: every model in `include` (SparkDataAllMTL's when empty) minus those in `exclude`. */
export function resolveModelTypeList(list: {
  include: readonly ModelName[];
  exclude: readonly ModelName[];
}): ModelName[] {
  const excluded = new Set(list.exclude);
  const base = list.include.length > 0 ? list.include : SPARK_DATA_ALL_MODELS;
  return inSyncOrder(base.filter((name) => !excluded.has(name)));
}
