/** Test-only: one concrete GET per spec operation the simulator serves, built from a generated tenant. */
import type { Simulator } from "../app.ts";
import type { Obj } from "../tenant/collection.ts";
import { PERSON_FEATURES, WORKSPACE_FEATURES, WORKSPACE_TELEPHONY_FEATURES } from "../tenant/features.ts";

export type Case = { spec: string; url: string };

const first = (items: Obj[], pred: (o: Obj) => boolean = () => true): Obj => {
  const o = items.find(pred);
  if (!o) throw new Error("the tenant lacks an object the contract tests need");
  return o;
};

export function contractCases(sim: Simulator, customer = 0): Case[] {
  const org = sim.sim.tenant.customers[customer]!;
  const c = org.collections;
  const q = `orgId=${org.id}`;
  const loc = first(c.locations.items);
  const L = String(loc.id);
  const floor = first(c.floors.items);
  const wsl = first(c.workspaceLocations.items);
  const wslFloor = first(c.workspaceLocationFloors.items, (f) => f.locationId === wsl.id);
  const callingPerson = first(
    c.people.items,
    (p) => typeof p.extension === "string" && (p.phoneNumbers as Obj[]).some((n) => n.type === "work"),
  );
  const callingWs = first(c.workspaces.items, (w) => (w.calling as Obj).type === "webexCalling");
  const device = first(c.devices.items, (d) => !!c.telephonyDevices.get(String(d.id)));
  const hg = first(c.huntGroups.items);
  const aa = first(c.autoAttendants.items);
  const pickup = first(c.callPickups.items);
  const park = first(c.callParks.items);
  const cpe = first(c.callParkExtensions.items);
  const schedule = first(c.schedules.items);
  const orgAnnouncement = first(c.announcements.items, (a) => a.level === "ORGANIZATION");
  const locAnnouncement = first(c.announcements.items, (a) => a.level === "LOCATION");
  const enterprise = sim.sim.tenant.enterprises[0]!;
  const T = "/telephony/config";
  const cases: Case[] = [
    { spec: "/organizations", url: "/organizations" },
    { spec: "/organizations/{orgId}", url: `/organizations/${org.id}` },
    { spec: "/roles", url: `/roles?${q}` },
    { spec: "/roles/{roleId}", url: `/roles/${first(c.roles.items).id}?${q}` },
    { spec: "/licenses", url: `/licenses?${q}` },
    {
      spec: "/licenses/{licenseId}",
      url: `/licenses/${first(c.licenses.items).id}?${q}&includeAssignedTo=user`,
    },
    { spec: "/locations", url: `/locations?${q}` },
    { spec: "/locations/{locationId}", url: `/locations/${L}?${q}` },
    { spec: "/locations/{locationId}/floors", url: `/locations/${String(floor.locationId)}/floors?${q}` },
    {
      spec: "/locations/{locationId}/floors/{floorId}",
      url: `/locations/${String(floor.locationId)}/floors/${floor.id}?${q}`,
    },
    { spec: `${T}/locations`, url: `${T}/locations?${q}` },
    { spec: `${T}/locations/{locationId}`, url: `${T}/locations/${L}?${q}` },
    { spec: "/workspaceLocations", url: `/workspaceLocations?${q}` },
    { spec: "/workspaceLocations/{locationId}", url: `/workspaceLocations/${wsl.id}?${q}` },
    { spec: "/workspaceLocations/{locationId}/floors", url: `/workspaceLocations/${wsl.id}/floors?${q}` },
    {
      spec: "/workspaceLocations/{locationId}/floors/{floorId}",
      url: `/workspaceLocations/${wsl.id}/floors/${wslFloor.id}?${q}`,
    },
    { spec: "/people", url: `/people?${q}&callingData=true&max=20` },
    { spec: "/people/{personId}", url: `/people/${callingPerson.id}?${q}&callingData=true` },
    { spec: "/people/me", url: "/people/me" },
    { spec: "/workspaces", url: `/workspaces?${q}&includeDevices=true` },
    { spec: "/workspaces/{workspaceId}", url: `/workspaces/${callingWs.id}?${q}` },
    { spec: "/workspaces/{workspaceId}/capabilities", url: `/workspaces/${callingWs.id}/capabilities?${q}` },
    { spec: "/devices", url: `/devices?${q}&max=50` },
    { spec: "/devices/{deviceId}", url: `/devices/${device.id}?${q}` },
    { spec: `${T}/devices/{deviceId}`, url: `${T}/devices/${device.id}?${q}` },
    { spec: `${T}/devices/{deviceId}/members`, url: `${T}/devices/${device.id}/members?${q}` },
    { spec: `${T}/people/{personId}/devices`, url: `${T}/people/${callingPerson.id}/devices?${q}` },
    { spec: `${T}/workspaces/{workspaceId}/devices`, url: `${T}/workspaces/${callingWs.id}/devices?${q}` },
    { spec: "/deviceConfigurations", url: `/deviceConfigurations?${q}&deviceId=${device.id}` },
    { spec: `${T}/numbers`, url: `${T}/numbers?${q}&details=true` },
    { spec: "/groups", url: `/groups?${q}&includeMembers=true` },
    { spec: "/groups/{groupId}", url: `/groups/${first(c.groups.items).id}?${q}` },
    { spec: "/groups/{groupId}/members", url: `/groups/${first(c.groups.items).id}/members?${q}` },
    { spec: "/teams", url: `/teams?${q}` },
    { spec: "/teams/{teamId}", url: `/teams/${first(c.teams.items).id}?${q}` },
    { spec: "/rooms", url: `/rooms?${q}` },
    { spec: "/rooms/{roomId}", url: `/rooms/${first(c.rooms.items).id}?${q}` },
    { spec: `${T}/huntGroups`, url: `${T}/huntGroups?${q}` },
    {
      spec: `${T}/locations/{locationId}/huntGroups/{huntGroupId}`,
      url: `${T}/locations/${String(hg.locationId)}/huntGroups/${hg.id}?${q}`,
    },
    { spec: `${T}/autoAttendants`, url: `${T}/autoAttendants?${q}` },
    {
      spec: `${T}/locations/{locationId}/autoAttendants/{autoAttendantId}`,
      url: `${T}/locations/${String(aa.locationId)}/autoAttendants/${aa.id}?${q}`,
    },
    { spec: `${T}/locations/{locationId}/callPickups`, url: `${T}/locations/${L}/callPickups?${q}` },
    {
      spec: `${T}/locations/{locationId}/callPickups/{callPickupId}`,
      url: `${T}/locations/${String(pickup.locationId)}/callPickups/${pickup.id}?${q}`,
    },
    { spec: `${T}/locations/{locationId}/callParks`, url: `${T}/locations/${L}/callParks?${q}` },
    {
      spec: `${T}/locations/{locationId}/callParks/{callParkId}`,
      url: `${T}/locations/${String(park.locationId)}/callParks/${park.id}?${q}`,
    },
    { spec: `${T}/callParkExtensions`, url: `${T}/callParkExtensions?${q}` },
    {
      spec: `${T}/locations/{locationId}/callParkExtensions/{callParkExtensionId}`,
      url: `${T}/locations/${String(cpe.locationId)}/callParkExtensions/${cpe.id}?${q}`,
    },
    { spec: `${T}/locations/{locationId}/schedules`, url: `${T}/locations/${L}/schedules?${q}` },
    {
      spec: `${T}/locations/{locationId}/schedules/{type}/{scheduleId}`,
      url: `${T}/locations/${String(schedule.locationId)}/schedules/${String(schedule.type)}/${schedule.id}?${q}`,
    },
    { spec: `${T}/announcements`, url: `${T}/announcements?${q}&locationId=all` },
    { spec: `${T}/announcements/{announcementId}`, url: `${T}/announcements/${orgAnnouncement.id}?${q}` },
    {
      spec: `${T}/locations/{locationId}/announcements/{announcementId}`,
      url: `${T}/locations/${String((locAnnouncement.location as Obj).id)}/announcements/${locAnnouncement.id}?${q}`,
    },
    { spec: `${T}/premisePstn/dialPlans`, url: `${T}/premisePstn/dialPlans?${q}` },
    {
      spec: `${T}/premisePstn/dialPlans/{dialPlanId}`,
      url: `${T}/premisePstn/dialPlans/${first(c.dialPlans.items).id}?${q}`,
    },
    {
      spec: `${T}/premisePstn/dialPlans/{dialPlanId}/dialPatterns`,
      url: `${T}/premisePstn/dialPlans/${first(c.dialPlans.items).id}/dialPatterns?${q}`,
    },
    { spec: `${T}/premisePstn/routeGroups`, url: `${T}/premisePstn/routeGroups?${q}` },
    {
      spec: `${T}/premisePstn/routeGroups/{routeGroupId}`,
      url: `${T}/premisePstn/routeGroups/${first(c.routeGroups.items).id}?${q}`,
    },
    { spec: `${T}/premisePstn/trunks`, url: `${T}/premisePstn/trunks?${q}` },
    {
      spec: `${T}/premisePstn/trunks/{trunkId}`,
      url: `${T}/premisePstn/trunks/${first(c.trunks.items).id}?${q}`,
    },
    { spec: `${T}/callingProfiles`, url: `${T}/callingProfiles?${q}` },
    { spec: "/broadworks/enterprises", url: "/broadworks/enterprises" },
    {
      spec: "/broadworks/enterprises/{id}/broadworksDirectorySync",
      url: `/broadworks/enterprises/${enterprise.id}/broadworksDirectorySync`,
    },
    { spec: `${T}/people/{personId}`, url: `${T}/people/${callingPerson.id}?${q}` },
    { spec: "/authorizations/tokenExpiry", url: "/authorizations/tokenExpiry" },
  ];
  for (const f of PERSON_FEATURES)
    cases.push({
      spec: `/people/{personId}/features/${f}`,
      url: `/people/${callingPerson.id}/features/${f}?${q}`,
    });
  for (const f of WORKSPACE_FEATURES)
    cases.push({
      spec: `/workspaces/{workspaceId}/features/${f}`,
      url: `/workspaces/${callingWs.id}/features/${f}?${q}`,
    });
  for (const f of WORKSPACE_TELEPHONY_FEATURES) {
    cases.push({
      spec: `${T}/workspaces/{workspaceId}/${f}`,
      url: `${T}/workspaces/${callingWs.id}/${f}?${q}`,
    });
  }
  cases.push({
    spec: `${T}/people/{personId}/musicOnHold`,
    url: `${T}/people/${callingPerson.id}/musicOnHold?${q}`,
  });
  return cases;
}
