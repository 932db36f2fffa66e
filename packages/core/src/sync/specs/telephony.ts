/** Call features, numbers and premises routing. */
import type { ModelName } from "../../models/catalog.ts";
import { bool, joined, obj, str } from "../item.ts";
import {
  agentCount,
  atLocation,
  byLocationAndId,
  detailAt,
  detailIn,
  loc,
  type ModelSpec,
  named,
  numberInventory,
  perLocation,
  telephonyList,
} from "./shared.ts";

const reachable = {
  phoneNumber: (i: Record<string, unknown>) => str(i.phoneNumber),
  extension: (i: Record<string, unknown>) => str(i.extension),
};

export const TELEPHONY_SPECS = {
  HuntGroup: named(
    "HuntGroup",
    telephonyList("huntGroups", "huntGroups"),
    { ...reachable, ...atLocation, enabled: (i) => bool(i.enabled), agentCount },
    { detail: detailIn("huntGroups") },
  ),
  AutoAttendants: named(
    "AutoAttendants",
    telephonyList("autoAttendants", "autoAttendants"),
    { ...reachable, ...atLocation, businessSchedule: (i) => str(i.businessSchedule) },
    { detail: detailIn("autoAttendants") },
  ),
  CallPickup: named(
    "CallPickup",
    perLocation("callPickups", "callPickups"),
    { ...atLocation, notificationType: (i) => str(i.notificationType), agentCount },
    { detail: detailIn("callPickups"), id: byLocationAndId },
  ),
  CallParkGroup: named(
    "CallParkGroup",
    perLocation("callParks", "callParks"),
    { ...atLocation, recallOption: (i) => str(obj(i.recall).option), agentCount },
    { detail: detailIn("callParks"), id: byLocationAndId },
  ),
  CallParkExtensions: named("CallParkExtensions", telephonyList("callParkExtensions", "callParkExtensions"), {
    extension: (i) => str(i.extension),
    ...atLocation,
  }),
  Number: {
    name: "Number",
    fetch: telephonyList("numbers", "phoneNumbers"),
    // Extension-only rows have an empty phoneNumber: key them by location and extension instead.
    id: (i) => str(i.phoneNumber) ?? (str(i.extension) ? `ext:${loc(i) ?? "?"}:${str(i.extension)}` : null),
    label: (i) => str(i.phoneNumber) ?? str(i.extension),
    columns: {
      ...reachable,
      state: (i) => str(i.state),
      phoneNumberType: (i) => str(i.phoneNumberType),
      mainNumber: (i) => bool(i.mainNumber),
      tollFreeNumber: (i) => bool(i.tollFreeNumber),
      ...atLocation,
      ownerId: (i) => str(obj(i.owner).id),
      ownerType: (i) => str(obj(i.owner).type),
      ownerName: (i) => joined([obj(i.owner).firstName, obj(i.owner).lastName]),
      status: (i) => numberInventory(i).status,
      usage: (i) => numberInventory(i).usage,
      vendor: (i) => numberInventory(i).vendor,
      callingLicensed: (i) => bool(i.callingLicensed),
    },
  },
  DialPlans: named(
    "DialPlans",
    telephonyList("premisePstn/dialPlans", "dialPlans"),
    {
      routeId: (i) => str(i.routeId),
      routeName: (i) => str(i.routeName),
      routeType: (i) => str(i.routeType),
    },
    { detail: detailAt("/telephony/config/premisePstn/dialPlans") },
  ),
  RouteGroups: named(
    "RouteGroups",
    telephonyList("premisePstn/routeGroups", "routeGroups"),
    {
      inUse: (i) => bool(i.inUse),
      gatewayCount: (i) => (Array.isArray(i.localGateways) ? i.localGateways.length : null),
    },
    { detail: detailAt("/telephony/config/premisePstn/routeGroups") },
  ),
  Trunks: named(
    "Trunks",
    telephonyList("premisePstn/trunks", "trunks"),
    {
      trunkType: (i) => str(i.trunkType),
      ...atLocation,
      inUse: (i) => bool(i.inUse),
      status: (i) => str(i.status),
    },
    { detail: detailAt("/telephony/config/premisePstn/trunks") },
  ),
} satisfies Partial<Record<ModelName, ModelSpec>>;
