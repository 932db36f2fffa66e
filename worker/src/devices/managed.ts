/**
 * @module devices/managed
 * The devices wxsync knows from the devices sync (DeviceCallingDetails): the ones whose SIP credentials it may
 * manage are the partner-managed ones. Customer-managed devices are the customer's to run, so they are read only.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { CustomerRow } from "../customers/schema.ts";
import { defaultSyncNames } from "../customers/service.ts";
import { inList } from "../db/in-list.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { webexDeviceCallingDetails as details, modelColumn } from "../sync/tables.ts";

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

const column = (name: string) => modelColumn(details, name);
const managedBy = column("managedBy");
const locationId = column("locationId");

const COLUMNS = {
  deviceId: details.id,
  name: column("deviceName"),
  mac: column("mac"),
  model: column("model"),
  managedBy,
  locationId,
  sipUserName: column("sipUserName"),
};

function view(row: { [K in keyof typeof COLUMNS]: unknown }) {
  return {
    deviceId: String(row.deviceId),
    name: text(row.name),
    mac: text(row.mac),
    model: text(row.model),
    managedBy: text(row.managedBy),
    locationId: text(row.locationId),
    sipUserName: text(row.sipUserName),
  };
}

export type ManagedDevice = ReturnType<typeof view>;

export async function loadDevice(services: Services, customer: CustomerRow, deviceId: string) {
  const row = await services.db
    .select(COLUMNS)
    .from(details)
    .where(and(eq(details.customerId, customer.id), eq(details.id, deviceId)))
    .get();
  if (!row)
    throw new ApiError(
      "NOT_FOUND",
      `No partner- or customer-managed device ${deviceId} is synced for ${customer.name}; if it is new, run the data sync ${defaultSyncNames(customer.name).devices} first.`,
    );
  return view(row);
}

/** Refuses anything but a partner-managed device, saying why. */
export function requirePartnerManaged(device: ManagedDevice): ManagedDevice {
  if (device.managedBy !== "PARTNER")
    throw new ApiError(
      "CONFLICT",
      `Device ${device.name ?? device.deviceId} is managed by ${device.managedBy ?? "no one"}, not by the partner: only partner-managed devices have their SIP credentials managed here.`,
    );
  return device;
}

/** The customer's partner-managed devices in DeviceCallingDetails: all, at one location, or these ones. */
export function partnerManagedWhere(customerId: string, location?: string, deviceIds?: string[]) {
  const where: SQL[] = [eq(details.customerId, customerId), sql`${managedBy} = 'PARTNER'`];
  if (location) where.push(sql`${locationId} = ${location}`);
  if (deviceIds) where.push(inList(details.id, deviceIds));
  return and(...where);
}

export async function partnerManagedDevices(
  services: Services,
  customerId: string,
  location?: string,
  deviceIds?: string[],
) {
  const rows = await services.db
    .select(COLUMNS)
    .from(details)
    .where(partnerManagedWhere(customerId, location, deviceIds))
    .orderBy(details.id)
    .all();
  return rows.map(view);
}
