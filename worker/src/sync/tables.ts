/**
 * @module sync/tables
 * One D1 table per synced model (`webex_<model>`), built from the core model specs: the shared columns
 * (customer, Webex id, label, content hash, full payload, when first seen and last changed) plus each
 * spec's searchable columns. SQLite stores column values with their own type, so one column kind serves all.
 */
import type { ModelName } from "@wxsync/core/models";
import { type ColumnValue, MODEL_SPECS } from "@wxsync/core/sync";
import { sql } from "drizzle-orm";
import { customType, index, primaryKey, type SQLiteColumn, sqliteTable, text } from "drizzle-orm/sqlite-core";

const anyValue = customType<{ data: ColumnValue; driverData: ColumnValue }>({ dataType: () => "" });

export const snake = (name: string) => name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
export const tableName = (model: ModelName) => `webex_${snake(model).replace(/^_/, "")}`;

function syncedTable(model: ModelName) {
  const extra = Object.fromEntries(
    Object.keys(MODEL_SPECS[model].columns).map((name) => [name, anyValue(snake(name))]),
  );
  return sqliteTable(
    tableName(model),
    {
      customerId: text("customer_id").notNull(),
      id: text("id").notNull(),
      label: text("label"),
      hash: text("hash").notNull(),
      payload: text("payload").notNull(),
      firstSeenAt: text("first_seen_at").notNull(),
      changedAt: text("changed_at").notNull(),
      ...extra,
    },
    (t) => {
      // The spec's columns are built from a record, so their names are known at run time only.
      const columns = t as unknown as Record<string, SQLiteColumn>;
      return [
        primaryKey({ columns: [t.customerId, t.id] }),
        index(`${tableName(model)}_label_idx`).on(t.customerId, t.label),
        ...(LOOKUPS[model] ?? []).map((name) =>
          index(`${tableName(model)}_${snake(name)}_idx`).on(t.customerId, columns[name]!),
        ),
      ];
    },
  );
}

/** Columns other tables are joined on: a device by its owner, a device detail row by its location. */
const LOOKUPS: Partial<Record<ModelName, string[]>> = {
  Device: ["personId", "workspaceId"],
  DeviceCallingDetails: ["locationId"],
  DeviceLines: ["deviceId"],
  DeviceConfiguration: ["deviceId"],
};

export type SyncedTable = ReturnType<typeof syncedTable>;

/** A model's own column (typed per spec, not per table): `"webex_device"."last_seen"`. */
export const modelColumn = <T = unknown>(table: SyncedTable, name: string) =>
  sql<T>`${table}.${sql.identifier(snake(name))}`;

export const webexOrganization = syncedTable("Organization");
export const webexRole = syncedTable("Role");
export const webexLicense = syncedTable("License");
export const webexCallingProfile = syncedTable("CallingProfile");
export const webexWorkspaceLocation = syncedTable("WorkspaceLocation");
export const webexWorkspaceLocationFloor = syncedTable("WorkspaceLocationFloor");
export const webexLocation = syncedTable("Location");
export const webexLocationFloor = syncedTable("LocationFloor");
export const webexFloor = syncedTable("Floor");
export const webexLocationCallingDetails = syncedTable("LocationCallingDetails");
export const webexSchedules = syncedTable("Schedules");
export const webexAnnouncements = syncedTable("Announcements");
export const webexUser = syncedTable("User");
export const webexUserConfig = syncedTable("UserConfig");
export const webexPlace = syncedTable("Place");
export const webexWorkspaceCallSettings = syncedTable("WorkspaceCallSettings");
export const webexDevice = syncedTable("Device");
export const webexActivateDevice = syncedTable("ActivateDevice");
export const webexDeviceCallingDetails = syncedTable("DeviceCallingDetails");
export const webexDeviceLines = syncedTable("DeviceLines");
export const webexDeviceConfiguration = syncedTable("DeviceConfiguration");
export const webexGroup = syncedTable("Group");
export const webexTeam = syncedTable("Team");
export const webexRoom = syncedTable("Room");
export const webexHuntGroup = syncedTable("HuntGroup");
export const webexAutoAttendants = syncedTable("AutoAttendants");
export const webexCallPickup = syncedTable("CallPickup");
export const webexCallParkGroup = syncedTable("CallParkGroup");
export const webexCallParkExtensions = syncedTable("CallParkExtensions");
export const webexNumber = syncedTable("Number");
export const webexDialPlans = syncedTable("DialPlans");
export const webexRouteGroups = syncedTable("RouteGroups");
export const webexTrunks = syncedTable("Trunks");

export const SYNCED_TABLES: Record<ModelName, SyncedTable> = {
  Organization: webexOrganization,
  Role: webexRole,
  License: webexLicense,
  CallingProfile: webexCallingProfile,
  WorkspaceLocation: webexWorkspaceLocation,
  WorkspaceLocationFloor: webexWorkspaceLocationFloor,
  Location: webexLocation,
  LocationFloor: webexLocationFloor,
  Floor: webexFloor,
  LocationCallingDetails: webexLocationCallingDetails,
  Schedules: webexSchedules,
  Announcements: webexAnnouncements,
  User: webexUser,
  UserConfig: webexUserConfig,
  Place: webexPlace,
  WorkspaceCallSettings: webexWorkspaceCallSettings,
  Device: webexDevice,
  ActivateDevice: webexActivateDevice,
  DeviceCallingDetails: webexDeviceCallingDetails,
  DeviceLines: webexDeviceLines,
  DeviceConfiguration: webexDeviceConfiguration,
  Group: webexGroup,
  Team: webexTeam,
  Room: webexRoom,
  HuntGroup: webexHuntGroup,
  AutoAttendants: webexAutoAttendants,
  CallPickup: webexCallPickup,
  CallParkGroup: webexCallParkGroup,
  CallParkExtensions: webexCallParkExtensions,
  Number: webexNumber,
  DialPlans: webexDialPlans,
  RouteGroups: webexRouteGroups,
  Trunks: webexTrunks,
};
