import { describe, expect, it } from "vitest";
import { MODEL_NAMES, type ModelName } from "../models/catalog.ts";
import { runChunk } from "./engine.ts";
import { runToEnd } from "./run-to-end.ts";
import { approveRemovals, initialRunState, type RunState } from "./state.ts";
import { createMemoryStore } from "./store.ts";
import { FULL, QUICK, simFor } from "./test-sim.ts";

/** Which simulator collection holds each listed model, and how its objects are keyed. */
const SIM_MODEL: Partial<Record<ModelName, string>> = {
  Role: "roles",
  License: "licenses",
  Location: "locations",
  User: "people",
  Place: "workspaces",
  Device: "devices",
  Group: "groups",
  HuntGroup: "huntGroups",
  AutoAttendants: "autoAttendants",
  CallPickup: "callPickups",
  CallParkGroup: "callParks",
  CallParkExtensions: "callParkExtensions",
  DialPlans: "dialPlans",
  RouteGroups: "routeGroups",
  Trunks: "trunks",
  CallingProfile: "callingProfiles",
  LocationCallingDetails: "telephonyLocations",
  WorkspaceLocation: "workspaceLocations",
  Schedules: "schedules",
};

const ids = (store: ReturnType<typeof createMemoryStore>, model: ModelName) =>
  [...(store.tables.get(model)?.keys() ?? [])].sort();

async function fullSync(
  env: Awaited<ReturnType<typeof simFor>>,
  store: ReturnType<typeof createMemoryStore>,
  models: ModelName[] = [...MODEL_NAMES],
) {
  store.newRun();
  return runToEnd(initialRunState(models, FULL), { webex: env.webex, store, orgId: env.orgId });
}

describe("sync engine against the simulator", () => {
  it("syncs every model so the store holds what Webex holds, object for object", async () => {
    const env = await simFor(60);
    const store = createMemoryStore();
    const state = await fullSync(env, store);
    expect(state.status).toBe("succeeded");
    for (const [model, simModel] of Object.entries(SIM_MODEL) as [ModelName, string][]) {
      // Ids made from names repeat across locations: those models are keyed by location and id.
      const byLocation = model === "CallPickup" || model === "CallParkGroup" || model === "Schedules";
      const expected = (await env.objects(simModel))
        .map((o) => (byLocation ? `${o.locationId}|${o.id}` : String(o.id)))
        .sort();
      expect(ids(store, model), model).toEqual(expected);
    }
    const numbers = await env.objects("numbers");
    expect(ids(store, "Number")).toHaveLength(numbers.length);
    expect(store.tables.get("Organization")?.size).toBe(1);
    expect(store.tables.get("Floor")?.size).toBe(store.tables.get("LocationFloor")?.size);
    // UserConfig exactly for users holding Webex Calling - Professional.
    const professional = (await env.objects("licenses")).find(
      (l) => l.name === "Webex Calling - Professional",
    )!.id;
    const pros = (await env.objects("people")).filter((p) =>
      (p.licenses as string[] | undefined)?.includes(String(professional)),
    );
    expect(ids(store, "UserConfig")).toEqual(pros.map((p) => String(p.id)).sort());
    // Number inventory: VOSS's status/usage/vendor.
    const used = [...store.tables.get("Number")!.values()].find((n) => n.columns.ownerType === "PEOPLE")!;
    expect(used.columns).toMatchObject({ status: "Used", usage: "User", vendor: "Webex Calling" });
    // Devices are placed by their person's email.
    const device = [...store.tables.get("Device")!.values()].find((d) => d.columns.personId)!;
    const owner = store.tables.get("User")!.get(String(device.columns.personId))!;
    expect(device.columns.ownerEmail).toBe(owner.columns.email);
  });

  it("reports exactly what changed in Webex, and rewrites nothing when nothing changed", async () => {
    const env = await simFor(40);
    const store = createMemoryStore();
    await fullSync(env, store);

    const again = await fullSync(env, store);
    expect(store.rowsWritten()).toBe(0);
    expect(again.progress.every((p) => p.added + p.updated + p.removed === 0)).toBe(true);

    const people = await env.objects("people");
    const [changed, removed] = [people[3]!, people[4]!];
    await env.control("PATCH", `/orgs/0/people/${encodeURIComponent(String(changed.id))}`, {
      displayName: "Renamed Person",
    });
    await env.control("DELETE", `/orgs/0/people/${encodeURIComponent(String(removed.id))}`);
    const added = (await env.control("POST", "/orgs/0/people", {
      emails: ["new.person@example.com"],
      displayName: "New Person",
      orgId: env.orgId,
    }))!.items as { id: string }[];
    const models: ModelName[] = ["User"];
    const state = await fullSync(env, store, models);
    const user = state.progress[0]!;
    expect({ added: user.added, updated: user.updated, removed: user.removed }).toEqual({
      added: 1,
      updated: 1,
      removed: 1,
    });
    const changes = store.changes();
    expect(changes.find((c) => c.kind === "added")?.itemId).toBe(added[0]!.id);
    expect(changes.find((c) => c.kind === "removed")?.itemId).toBe(removed.id);
    expect(changes.find((c) => c.kind === "updated")?.fields).toContainEqual({
      path: "displayName",
      before: changed.displayName,
      after: "Renamed Person",
    });
  });

  it("follows a moved device and a removed licence, and keeps a licensed owner's device a listing missed", async () => {
    const env = await simFor(40);
    const store = createMemoryStore();
    const models: ModelName[] = ["License", "User", "Place", "Device"];
    await fullSync(env, store, models);
    const people = await env.objects("people");
    const devices = await env.objects("devices");
    const device = devices.find((d) => d.personId)!;
    const newOwner = people.find(
      (p) => p.id !== device.personId && (p.emails as string[] | undefined)?.length,
    )!;
    await env.control("POST", `/orgs/0/devices/${encodeURIComponent(String(device.id))}/move`, {
      personId: newOwner.id,
    });
    const licensed = people.find((p) => (p.licenses as string[] | undefined)?.length)!;
    const dropped = (licensed.licenses as string[])[0]!;
    await env.control("PATCH", `/orgs/0/people/${encodeURIComponent(String(licensed.id))}`, {
      licenses: (licensed.licenses as string[]).slice(1),
    });
    await fullSync(env, store, models);
    const moved = store.tables.get("Device")!.get(String(device.id))!;
    expect(moved.columns.personId).toBe(newOwner.id);
    expect(moved.columns.ownerEmail).toBe((newOwner.emails as string[])[0]);
    expect(String(store.tables.get("User")!.get(String(licensed.id))!.columns.licenses ?? "")).not.toContain(
      dropped,
    );
    const kinds = store.changes().map((c) => `${c.model}:${c.kind}`);
    expect(kinds).toContain("Device:updated");
    expect(kinds).toContain("User:updated");

    // Webex stops listing a device whose owner still holds a calling licence: the licence check keeps it.
    const keep = [...store.tables.get("Device")!.values()].find((d) => d.columns.callingLicensed === true)!;
    await env.control("DELETE", `/orgs/0/devices/${encodeURIComponent(keep.id)}`);
    const state = await fullSync(env, store, models);
    expect(store.tables.get("Device")!.has(keep.id)).toBe(true);
    expect(state.progress.find((p) => p.model === "Device")).toMatchObject({ kept: 1, removed: 0 });
  });

  it("keeps call pickups whose name-derived ids repeat in another location apart", async () => {
    const env = await simFor(450);
    const locations = await env.objects("locations");
    expect(locations.length).toBeGreaterThan(1);
    const pickup = (await env.objects("callPickups"))[0]!;
    const other = locations.find((l) => l.id !== pickup.locationId)!;
    await env.control("POST", "/orgs/0/callPickups", {
      ...pickup,
      locationId: other.id,
      locationName: other.name,
    });
    const store = createMemoryStore();
    await fullSync(env, store, ["Location", "CallPickup"]);
    const stored = [...store.tables.get("CallPickup")!.values()].filter(
      (row) => row.payload.id === pickup.id,
    );
    expect(stored.map((row) => row.payload.locationId).sort()).toEqual([pickup.locationId, other.id].sort());
  });

  it("gets through a page that fails three times in a row", async () => {
    const env = await simFor(30);
    await env.control("PUT", "/faults", {
      rules: [{ type: "status", status: 503, path: "/people", times: 3 }],
    });
    const store = createMemoryStore();
    const state = await fullSync(env, store, ["User"]);
    expect(state.status).toBe("succeeded");
    expect(ids(store, "User")).toHaveLength((await env.objects("people")).length);
  });

  it("removes nothing of a model whose listing failed", async () => {
    const env = await simFor(30);
    const store = createMemoryStore();
    await fullSync(env, store);
    const before = ids(store, "User");
    const people = await env.objects("people");
    await env.control("DELETE", `/orgs/0/people/${encodeURIComponent(String(people[1]!.id))}`);
    await env.control("PUT", "/faults", {
      rules: [{ type: "status", status: 503, path: "/people", skip: 1 }],
    });
    const state = await fullSync(env, store, ["User"]);
    expect(state.status).toBe("failed");
    expect(state.progress[0]!.errors[0]!.status).toBe(503);
    expect(ids(store, "User")).toEqual(before);
  });

  it("ends with the right data through 5 % server errors, dropped connections, 429s and a next link that loses its query", async () => {
    const env = await simFor(120, { faultSeed: 7 });
    await env.control("PUT", "/faults", {
      rules: [
        { type: "status", status: 503, probability: 0.05 },
        { type: "drop", probability: 0.02 },
        { type: "status", status: 429, retryAfterSec: 1, probability: 0.05 },
        { type: "nextDropsQuery", path: "/people" },
      ],
    });
    const store = createMemoryStore();
    const state = await fullSync(env, store, ["License", "Location", "User", "Place", "Device", "Number"]);
    expect(state.status).toBe("succeeded");
    expect(state.throttled).toBeGreaterThan(0);
    await env.control("DELETE", "/faults");
    for (const model of ["User", "Place", "Device"] as const) {
      expect(ids(store, model), model).toEqual(
        (await env.objects(SIM_MODEL[model]!)).map((o) => String(o.id)).sort(),
      );
    }
    // callingData survived the broken next links: every user still has calling fields.
    expect([...store.tables.get("User")!.values()].filter((u) => u.columns.extension).length).toBeGreaterThan(
      60,
    );
  });

  it("resumes an interrupted run from its checkpoint with identical data and no repeated changes", async () => {
    const env = await simFor(80);
    const reference = createMemoryStore();
    await fullSync(env, reference);

    const store = createMemoryStore();
    let state: RunState = initialRunState([...MODEL_NAMES], FULL);
    let chunks = 0;
    while (state.status === "running") {
      // Every chunk starts from state that went through JSON, as a durable runner stores it.
      state = await runChunk(JSON.parse(JSON.stringify(state)) as RunState, {
        webex: env.webex,
        store,
        orgId: env.orgId,
        budget: 7,
      });
      chunks++;
    }
    expect(chunks).toBeGreaterThan(10);
    expect(state.status).toBe("succeeded");
    for (const model of MODEL_NAMES) expect(ids(store, model), model).toEqual(ids(reference, model));
    const added = state.progress.reduce((n, p) => n + p.added, 0);
    expect(added).toBe(store.changes().filter((c) => c.kind === "added").length);
  });

  it("stops before removing more than max(50, 20 %) of a model and removes once approved", async () => {
    const env = await simFor(300);
    const store = createMemoryStore();
    await fullSync(env, store, ["User"]);
    const people = await env.objects("people");
    for (const person of people.slice(0, 80))
      await env.control("DELETE", `/orgs/0/people/${encodeURIComponent(String(person.id))}`);
    const held = await fullSync(env, store, ["User"]);
    expect(held.status).toBe("awaiting_approval");
    expect(held.progress[0]).toMatchObject({ status: "awaiting_approval", pendingRemovals: 80, removed: 0 });
    expect(ids(store, "User")).toHaveLength(people.length);
    const approved = await runToEnd(approveRemovals(held, ["User"]), {
      webex: env.webex,
      store,
      orgId: env.orgId,
    });
    expect(approved.status).toBe("succeeded");
    expect(ids(store, "User")).toHaveLength(people.length - 80);
  });

  it("Quick Import only adds, with list calls only", async () => {
    const env = await simFor(30);
    const store = createMemoryStore();
    const state = await runToEnd(initialRunState(["Location", "User", "HuntGroup"], QUICK), {
      webex: env.webex,
      store,
      orgId: env.orgId,
    });
    const pages = state.progress.reduce((n, p) => n + p.pages, 0);
    expect(state.requests).toBe(pages);
    expect(ids(store, "User")).toHaveLength((await env.objects("people")).length);
  });
});
