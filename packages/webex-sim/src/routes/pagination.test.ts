import { beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../app.ts";
import type { Obj } from "../tenant/collection.ts";
import { keyFunction } from "../tenant/context.ts";
import type { ModelName, Org } from "../tenant/types.ts";
import { call, mintToken, nextLink, quietSim, walk } from "../testkit.ts";

const T = "/telephony/config";

type ListCase = {
  name: string;
  key: string;
  /** URL without the page-size parameter; `size` is the name of that parameter. */
  url: (org: Org) => string;
  size: "max" | "count";
  expected: (org: Org) => Obj[];
  keyOf: (o: Obj) => string;
};

const byModel = (
  model: ModelName,
  url: (org: Org) => string,
  key: string,
  pred: (o: Obj, org: Org) => boolean = () => true,
): ListCase => ({
  name: model,
  key,
  url,
  size: "max",
  expected: (org) => org.collections[model].items.filter((o) => pred(o, org)),
  keyOf: keyFunction(model),
});

const firstLoc = (org: Org) => String(org.collections.locations.items[0]!.id);
const q = (org: Org) => `orgId=${org.id}`;

const CASES: ListCase[] = [
  byModel("people", (o) => `/people?${q(o)}&callingData=true`, "items"),
  byModel("locations", (o) => `/locations?${q(o)}`, "items"),
  byModel("telephonyLocations", (o) => `${T}/locations?${q(o)}`, "locations"),
  byModel("workspaces", (o) => `/workspaces?${q(o)}`, "items"),
  byModel("devices", (o) => `/devices?${q(o)}`, "items"),
  byModel("numbers", (o) => `${T}/numbers?${q(o)}`, "phoneNumbers"),
  byModel("teams", (o) => `/teams?${q(o)}`, "items"),
  byModel("rooms", (o) => `/rooms?${q(o)}`, "items"),
  byModel("huntGroups", (o) => `${T}/huntGroups?${q(o)}`, "huntGroups"),
  byModel("autoAttendants", (o) => `${T}/autoAttendants?${q(o)}`, "autoAttendants"),
  byModel(
    "callPickups",
    (o) => `${T}/locations/${firstLoc(o)}/callPickups?${q(o)}`,
    "callPickups",
    (p, o) => p.locationId === firstLoc(o),
  ),
  byModel(
    "callParks",
    (o) => `${T}/locations/${firstLoc(o)}/callParks?${q(o)}`,
    "callParks",
    (p, o) => p.locationId === firstLoc(o),
  ),
  byModel("callParkExtensions", (o) => `${T}/callParkExtensions?${q(o)}`, "callParkExtensions"),
  byModel(
    "schedules",
    (o) => `${T}/locations/${firstLoc(o)}/schedules?${q(o)}`,
    "schedules",
    (s, o) => s.locationId === firstLoc(o),
  ),
  byModel("announcements", (o) => `${T}/announcements?${q(o)}&locationId=all`, "announcements"),
  byModel("dialPlans", (o) => `${T}/premisePstn/dialPlans?${q(o)}`, "dialPlans"),
  byModel("routeGroups", (o) => `${T}/premisePstn/routeGroups?${q(o)}`, "routeGroups"),
  byModel("trunks", (o) => `${T}/premisePstn/trunks?${q(o)}`, "trunks"),
  { ...byModel("groups", (o) => `/groups?${q(o)}`, "groups"), size: "count" },
  {
    name: "group members",
    key: "members",
    url: (o) => `/groups/${String(o.collections.groups.items[0]!.id)}/members?${q(o)}`,
    size: "count",
    expected: (o) => o.collections.groups.items[0]!.members as Obj[],
    keyOf: (m) => String(m.id),
  },
];

let sim: Simulator;
let token: string;
let org: Org;

beforeAll(async () => {
  sim = quietSim({ customers: [450] });
  token = await mintToken(sim);
  org = sim.sim.tenant.customers[0]!;
});

describe("walking every list by its Link headers returns each object exactly once", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const expected = c.expected(org).map(c.keyOf).sort();
      expect(expected.length).toBeGreaterThan(0);
      for (const size of [1, 7, 100, 5000]) {
        const got = (await walk(sim, token, `${c.url(org)}&${c.size}=${size}`, c.key)).map(c.keyOf);
        expect(new Set(got).size, `duplicates at page size ${size}`).toBe(got.length);
        expect(got.sort(), `page size ${size}`).toEqual(expected);
      }
    });
  }

  it("BroadWorks enterprises", async () => {
    const got = await walk(sim, token, "/broadworks/enterprises?max=1", "items");
    expect(got.map((e) => e.id)).toEqual(sim.sim.tenant.enterprises.map((e) => e.id));
  });

  it("licence assignees, by the `next` cursor and limit", async () => {
    const license = org.collections.licenses.items.find((l) => String(l.name) === "Messaging")!;
    const users = await walk(
      sim,
      token,
      `/licenses/${String(license.id)}?${q(org)}&includeAssignedTo=user&limit=37`,
      "users",
    );
    expect(users.length).toBe(org.collections.people.size);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
  });
});

describe("page-size rules", () => {
  it("caps people at 100 with callingData, at 50 with a locationId, and carries the whole query in next", async () => {
    const res = await call(sim, token, `/people?${q(org)}&callingData=true&max=500`);
    const body = (await res.json()) as { items: Obj[] };
    expect(body.items.length).toBe(100);
    const next = nextLink(res)!;
    expect(next).toContain("callingData=true");
    expect(next).toContain(`orgId=${org.id}`);
    expect(next.startsWith("http://sim.test/v1/people?")).toBe(true);
    const loc = firstLoc(org);
    const byLoc = (await (await call(sim, token, `/people?${q(org)}&locationId=${loc}&max=500`)).json()) as {
      items: Obj[];
    };
    expect(byLoc.items.length).toBe(50);
    const plain = (await (await call(sim, token, `/people?${q(org)}&max=500`)).json()) as { items: Obj[] };
    expect(plain.items.length).toBe(450);
  });

  it("uses the documented defaults: people 100, numbers 2000, groups SCIM envelope", async () => {
    const people = (await (await call(sim, token, `/people?${q(org)}`)).json()) as { items: Obj[] };
    expect(people.items.length).toBe(100);
    const numbers = (await (await call(sim, token, `${T}/numbers?${q(org)}`)).json()) as {
      phoneNumbers: Obj[];
    };
    expect(numbers.phoneNumbers.length).toBe(org.collections.numbers.size);
    const groups = (await (await call(sim, token, `/groups?${q(org)}&count=2&startIndex=2`)).json()) as Obj;
    expect(groups).toMatchObject({
      totalResults: org.collections.groups.size,
      startIndex: 2,
      itemsPerPage: 2,
    });
  });

  it("answers a bad paging parameter with 400 and the Webex error body", async () => {
    const res = await call(sim, token, `/devices?${q(org)}&start=-4`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Obj;
    expect(body.trackingId).toBe(res.headers.get("Trackingid"));
    expect((body.errors as Obj[])[0]!.description).toBeTypeOf("string");
  });
});
