/**
 * The fewest Webex requests a sync of a tenant can make: every list at its largest allowed page size, plus the
 * detail and per-object settings calls the data sync needs. Computed from the simulator's objects, independently
 * of the engine, so "requests made ÷ minimum" measures the engine's waste.
 */

import type { ModelName } from "@wxsync/core/models";
import { MODEL_SPECS, USER_CONFIG_FEATURES, WORKSPACE_CALL_FEATURES } from "@wxsync/core/sync";

type Objects = (model: string) => Promise<Record<string, unknown>[]>;

const SIM_COLLECTION: Partial<Record<ModelName, string>> = {
  Role: "roles",
  License: "licenses",
  CallingProfile: "callingProfiles",
  WorkspaceLocation: "workspaceLocations",
  Location: "locations",
  LocationCallingDetails: "telephonyLocations",
  Announcements: "announcements",
  User: "people",
  Place: "workspaces",
  Device: "devices",
  Group: "groups",
  Team: "teams",
  Room: "rooms",
  HuntGroup: "huntGroups",
  AutoAttendants: "autoAttendants",
  CallParkExtensions: "callParkExtensions",
  Number: "numbers",
  DialPlans: "dialPlans",
  RouteGroups: "routeGroups",
  Trunks: "trunks",
};

export async function minimumRequests(
  models: readonly ModelName[],
  objects: Objects,
  options: { details: boolean },
) {
  let total = 0;
  const count = async (model: ModelName) => (await objects(SIM_COLLECTION[model]!)).length;
  const locations = await count("Location");
  for (const model of models) {
    const spec = MODEL_SPECS[model];
    const fetch = spec.fetch;
    if (fetch.kind === "single") total += 1;
    else if (fetch.kind === "list") {
      const n = await count(model);
      total += Math.max(1, Math.ceil(n / (fetch.page?.size ?? 100)));
      if (options.details && spec.detail) total += n;
    } else if (fetch.kind === "perParent") {
      const parents = fetch.parent === "Location" ? locations : await count(fetch.parent);
      total += parents;
      if (options.details && spec.detail) {
        const model_ = { Schedules: "schedules", CallPickup: "callPickups", CallParkGroup: "callParks" }[
          model as string
        ];
        if (model_) total += (await objects(model_)).length;
      }
    } else if (fetch.kind === "features" && options.details) {
      if (model === "UserConfig") {
        const licences = await objects("licenses");
        const pro = String(licences.find((l) => l.name === "Webex Calling - Professional")?.id);
        const people = await objects("people");
        total +=
          people.filter((p) => (p.licenses as string[] | undefined)?.includes(pro)).length *
          USER_CONFIG_FEATURES.length;
      } else {
        const places = await objects("workspaces");
        total +=
          places.filter((p) => (p.calling as { type?: string } | undefined)?.type === "webexCalling").length *
          WORKSPACE_CALL_FEATURES.length;
      }
    }
  }
  return total;
}
