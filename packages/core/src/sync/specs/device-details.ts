/**
 * Partner- and customer-managed devices in detail, the way Phonism reads them: the Webex Calling record
 * (`/telephony/config/devices/{id}`: MAC, model, SIP user name, line port, outbound proxy, activation state),
 * the lines on the device (`.../members`) and its configuration (`/deviceConfigurations`, one row per key).
 */
import type { ModelName } from "../../models/catalog.ts";
import { arr, bool, type Item, num, obj, str } from "../item.ts";
import { enc, type ModelSpec } from "./shared.ts";

/** Third-party SIP phones and gateways: Cisco-managed devices are Webex's to run. */
export const isPartnerOrCustomerManaged = (device: Item) => {
  const managedBy = str(device.managedBy);
  return managedBy === "PARTNER" || managedBy === "CUSTOMER";
};

/** What every detail row knows of its device, so it can be found by device, owner or location. */
function ofDevice(device: Item) {
  return {
    deviceId: str(device.id),
    deviceName: str(device.displayName),
    locationId: str(device.locationId),
    personId: str(device.personId),
    workspaceId: str(device.workspaceId),
  };
}

const deviceColumns = {
  deviceId: (i: Item) => str(i.deviceId),
  deviceName: (i: Item) => str(i.deviceName),
};

/** A configuration value as text: numbers and booleans as JSON, objects as JSON, strings as they are. */
function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export const DEVICE_DETAIL_SPECS = {
  DeviceCallingDetails: {
    name: "DeviceCallingDetails",
    fetch: {
      kind: "perParentGet",
      parent: "Device",
      include: isPartnerOrCustomerManaged,
      path: (d) => (str(d.id) ? `/telephony/config/devices/${enc(str(d.id)!)}` : null),
      // Keyed by the device id, so a row joins its device whichever id form Webex answers with.
      items: (body, d) => [{ ...body, callingId: str(body.id), ...ofDevice(d), id: str(d.id) }],
    },
    id: (i) => str(i.id),
    label: (i) => str(i.deviceName),
    columns: {
      ...deviceColumns,
      mac: (i) => str(i.mac),
      model: (i) => str(i.model),
      manufacturer: (i) => str(i.manufacturer),
      managedBy: (i) => str(i.managedBy),
      activationState: (i) => str(i.activationState),
      sipUserName: (i) => str(obj(i.owner).sipUserName),
      linePort: (i) => str(obj(i.owner).linePort),
      outboundProxy: (i) => str(obj(i.proxy).outboundProxy),
      ip: (i) => str(i.ip),
      locationId: (i) => str(i.locationId),
      personId: (i) => str(i.personId),
      workspaceId: (i) => str(i.workspaceId),
    },
  },
  DeviceLines: {
    name: "DeviceLines",
    fetch: {
      kind: "perParentGet",
      parent: "Device",
      include: isPartnerOrCustomerManaged,
      path: (d) => (str(d.id) ? `/telephony/config/devices/${enc(str(d.id)!)}/members` : null),
      items: (body, d) =>
        arr(body.members).map((m) => ({
          ...obj(m),
          memberId: str(obj(m).id),
          deviceModel: str(body.model),
          maxLineCount: num(body.maxLineCount),
          deviceId: str(d.id),
          deviceName: str(d.displayName),
        })),
    },
    // A member may hold several ports of one device (shared appearances): the port tells them apart.
    id: (i) =>
      str(i.deviceId) && str(i.memberId) ? `${str(i.deviceId)}|${num(i.port) ?? 0}|${str(i.memberId)}` : null,
    label: (i) => [str(i.firstName), str(i.lastName)].filter(Boolean).join(" ") || str(i.deviceName),
    columns: {
      ...deviceColumns,
      memberId: (i) => str(i.memberId),
      memberType: (i) => str(i.memberType),
      port: (i) => num(i.port),
      lineType: (i) => str(i.lineType),
      primaryOwner: (i) => bool(i.primaryOwner),
      linePort: (i) => str(i.linePort),
      phoneNumber: (i) => str(i.phoneNumber),
      extension: (i) => str(i.extension),
      lineWeight: (i) => num(i.lineWeight),
      locationId: (i) => str(obj(i.location).id),
    },
  },
  DeviceConfiguration: {
    name: "DeviceConfiguration",
    fetch: {
      kind: "perParentGet",
      parent: "Device",
      include: isPartnerOrCustomerManaged,
      path: () => "/deviceConfigurations",
      query: (d) => ({ deviceId: str(d.id) ?? undefined }),
      items: (body, d) =>
        Object.entries(obj(body.items)).map(([key, setting]) => ({
          ...obj(setting),
          key,
          deviceId: str(d.id),
          deviceName: str(d.displayName),
        })),
    },
    id: (i) => (str(i.deviceId) && str(i.key) ? `${str(i.deviceId)}|${str(i.key)}` : null),
    label: (i) => str(i.key),
    columns: {
      ...deviceColumns,
      key: (i) => str(i.key),
      value: (i) => valueText(i.value),
      source: (i) => str(i.source),
      // The spec's example says `editable`; keep `isEditable` too, as some answers carry it.
      editable: (i) => {
        const editability = obj(obj(obj(i.sources).configured).editability);
        return bool(editability.editable) ?? bool(editability.isEditable);
      },
    },
  },
} satisfies Partial<Record<ModelName, ModelSpec>>;
