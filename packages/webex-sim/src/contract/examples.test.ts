import { beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../app.ts";
import type { Obj } from "../tenant/collection.ts";
import { keyFunction } from "../tenant/context.ts";
import type { ModelName } from "../tenant/types.ts";
import { mintToken, quietSim, walk } from "../testkit.ts";
import { SPEC_DIR, SpecIndex } from "./openapi.testkit.ts";

const T = "/telephony/config";

/** Each list endpoint: its spec path, items key, the model to load the example into, and the URL to list it. */
type ListCase = { spec: string; key: string; model: ModelName; url: (item: Obj, q: string) => string };

const LISTS: ListCase[] = [
  { spec: "/roles", key: "items", model: "roles", url: (_i, q) => `/roles?${q}` },
  { spec: "/licenses", key: "items", model: "licenses", url: (_i, q) => `/licenses?${q}` },
  { spec: "/locations", key: "items", model: "locations", url: (_i, q) => `/locations?${q}` },
  {
    spec: "/locations/{locationId}/floors",
    key: "items",
    model: "floors",
    url: (i, q) => `/locations/${String(i.locationId)}/floors?${q}`,
  },
  {
    spec: `${T}/locations`,
    key: "locations",
    model: "telephonyLocations",
    url: (_i, q) => `${T}/locations?${q}`,
  },
  {
    spec: "/workspaceLocations",
    key: "items",
    model: "workspaceLocations",
    url: (_i, q) => `/workspaceLocations?${q}`,
  },
  {
    spec: "/workspaceLocations/{locationId}/floors",
    key: "items",
    model: "workspaceLocationFloors",
    url: (i, q) => `/workspaceLocations/${String(i.locationId)}/floors?${q}`,
  },
  { spec: "/people", key: "items", model: "people", url: (_i, q) => `/people?${q}&callingData=true` },
  { spec: "/workspaces", key: "items", model: "workspaces", url: (_i, q) => `/workspaces?${q}` },
  { spec: "/devices", key: "items", model: "devices", url: (_i, q) => `/devices?${q}` },
  { spec: `${T}/numbers`, key: "phoneNumbers", model: "numbers", url: (_i, q) => `${T}/numbers?${q}` },
  { spec: "/groups", key: "groups", model: "groups", url: (_i, q) => `/groups?${q}&includeMembers=true` },
  { spec: "/teams", key: "items", model: "teams", url: (_i, q) => `/teams?${q}` },
  { spec: "/rooms", key: "items", model: "rooms", url: (_i, q) => `/rooms?${q}` },
  { spec: `${T}/huntGroups`, key: "huntGroups", model: "huntGroups", url: (_i, q) => `${T}/huntGroups?${q}` },
  {
    spec: `${T}/autoAttendants`,
    key: "autoAttendants",
    model: "autoAttendants",
    url: (_i, q) => `${T}/autoAttendants?${q}`,
  },
  {
    spec: `${T}/locations/{locationId}/callPickups`,
    key: "callPickups",
    model: "callPickups",
    url: (i, q) => `${T}/locations/${String(i.locationId)}/callPickups?${q}`,
  },
  {
    spec: `${T}/locations/{locationId}/callParks`,
    key: "callParks",
    model: "callParks",
    url: (i, q) => `${T}/locations/${String(i.locationId)}/callParks?${q}`,
  },
  {
    spec: `${T}/callParkExtensions`,
    key: "callParkExtensions",
    model: "callParkExtensions",
    url: (_i, q) => `${T}/callParkExtensions?${q}`,
  },
  {
    spec: `${T}/locations/{locationId}/schedules`,
    key: "schedules",
    model: "schedules",
    url: (i, q) => `${T}/locations/${String(i.locationId)}/schedules?${q}`,
  },
  {
    spec: `${T}/announcements`,
    key: "announcements",
    model: "announcements",
    url: (_i, q) => `${T}/announcements?${q}&locationId=all`,
  },
  {
    spec: `${T}/premisePstn/dialPlans`,
    key: "dialPlans",
    model: "dialPlans",
    url: (_i, q) => `${T}/premisePstn/dialPlans?${q}`,
  },
  {
    spec: `${T}/premisePstn/routeGroups`,
    key: "routeGroups",
    model: "routeGroups",
    url: (_i, q) => `${T}/premisePstn/routeGroups?${q}`,
  },
  {
    spec: `${T}/premisePstn/trunks`,
    key: "trunks",
    model: "trunks",
    url: (_i, q) => `${T}/premisePstn/trunks?${q}`,
  },
  {
    spec: `${T}/callingProfiles`,
    key: "callingProfiles",
    model: "callingProfiles",
    url: (_i, q) => `${T}/callingProfiles?${q}`,
  },
];

let spec: SpecIndex;
let sim: Simulator;
let token: string;

beforeAll(async () => {
  if (!SPEC_DIR) return;
  spec = new SpecIndex();
  sim = quietSim({ customers: [20] });
  token = await mintToken(sim);
}, 60_000);

describe.skipIf(!SPEC_DIR)(
  "each list endpoint's spec example item, loaded into the simulator, comes back unchanged",
  () => {
    for (const c of LISTS) {
      it(c.spec, async () => {
        const example = spec.op("GET", c.spec).example as Record<string, Obj[]> | undefined;
        const items = example?.[c.key];
        expect(items?.length, "the spec has an example item").toBeGreaterThan(0);
        const org = sim.sim.tenant.customers[0]!;
        const q = `orgId=${org.id}`;
        for (const item of items!) {
          const res = await sim.request(`/_sim/orgs/0/${c.model}`, {
            method: "POST",
            body: JSON.stringify(item),
          });
          expect(res.status, await res.clone().text()).toBe(201);
        }
        const key = keyFunction(c.model);
        for (const item of items!) {
          const listed = await walk(sim, token, c.url(item, q), c.key);
          const back = listed.find((o) => key(o) === key(item));
          expect(back).toEqual(item);
        }
      });
    }
  },
);
