import { describe, expect, it } from "vitest";
import type { Simulator } from "../app.ts";
import type { Obj } from "../tenant/collection.ts";
import { call, getJson, mintToken, quietSim } from "../testkit.ts";

const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });
const check = async (sim: Simulator, path: string, password: unknown) => {
  const res = await sim.request(path, json({ password }));
  return { status: res.status, body: (await res.json()) as Obj };
};
const bulk = async (sim: Simulator, org: string, body: unknown) => {
  const res = await sim.request(`/_sim/orgs/${org}/third-party-devices`, json(body));
  return { status: res.status, body: (await res.json()) as { items: Obj[]; message?: string } };
};

describe("SIP registration check", () => {
  it("accepts only the device's current SIP password, by device id or calling device id", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    const org = sim.sim.tenant.customers[1]!;
    const t = org.collections.telephonyDevices.items.find((d) => d.manufacturer === "THIRD_PARTY")!;
    const device = org.collections.devices.get(String(t.id))!;
    const before = org.sipPasswords.get(String(t.id))!;
    expect(await check(sim, `/_sim/orgs/1/devices/${String(t.id)}/sip/check`, before)).toEqual({
      status: 200,
      body: { valid: true },
    });
    await call(sim, token, `/telephony/config/devices/${String(t.id)}?orgId=${org.id}`, {
      method: "PUT",
      body: JSON.stringify({ sipPassword: "Rotated4Password!" }),
    });
    for (const ref of ["1", org.id]) {
      for (const id of [device.id, device.callingDeviceId]) {
        const path = `/_sim/orgs/${ref}/devices/${String(id)}/sip/check`;
        expect((await check(sim, path, "Rotated4Password!")).body).toEqual({ valid: true });
        expect((await check(sim, path, before)).body).toEqual({ valid: false });
      }
    }
    for (const unknown of ["nope", "undefined"])
      expect((await check(sim, `/_sim/orgs/1/devices/${unknown}/sip/check`, "x")).status).toBe(404);
    expect((await check(sim, `/_sim/orgs/1/devices/${String(t.id)}/sip/check`, 5)).status).toBe(400);
    const cisco = org.collections.telephonyDevices.items.find((d) => d.manufacturer === "CISCO")!;
    expect((await check(sim, `/_sim/orgs/1/devices/${String(cisco.id)}/sip/check`, "")).body).toEqual({
      valid: false,
    });
  });
});

describe("POST /_sim/orgs/{org}/third-party-devices", () => {
  it("adds third-party phones round-robin over a location's calling people, as the API then serves them", async () => {
    const sim = quietSim({ customers: [60] });
    const token = await mintToken(sim);
    const org = sim.sim.tenant.customers[0]!;
    const q = `orgId=${org.id}`;
    const locationId = String(org.collections.locations.items[0]!.id);
    const calling = org.collections.people.items.filter(
      (p) => p.locationId === locationId && typeof p.extension === "string",
    );
    const count = calling.length + 2;
    const { status, body } = await bulk(sim, "0", { count, locationId, managedBy: "CUSTOMER" });
    expect(status).toBe(201);
    expect(body.items).toHaveLength(count);
    expect(body.items.map((i) => i.personId)).toEqual([...calling, calling[0], calling[1]].map((p) => p!.id));
    expect(new Set(body.items.map((i) => i.mac)).size).toBe(count);
    const first = body.items[0]!;
    expect(first).toEqual({
      id: expect.any(String),
      mac: expect.any(String),
      locationId,
      personId: calling[0]!.id,
    });
    expect(await getJson(sim, token, `/telephony/config/devices/${String(first.id)}?${q}`)).toMatchObject({
      manufacturer: "THIRD_PARTY",
      managedBy: "CUSTOMER",
      mac: String(first.mac).replaceAll(":", ""),
      owner: { sipUserName: expect.any(String), linePort: expect.stringContaining("@") },
      proxy: { outboundProxy: expect.any(String) },
    });
    expect(await getJson(sim, token, `/devices/${String(first.id)}?${q}`)).toMatchObject({
      personId: calling[0]!.id,
      locationId,
      managedBy: "CUSTOMER",
    });
    const validate = await call(sim, token, `/telephony/config/devices/actions/validateMacs/invoke?${q}`, {
      method: "POST",
      body: JSON.stringify({ macs: [first.mac] }),
    });
    expect(((await validate.json()) as Obj).status).toBe("ERRORS");
    const initial = org.sipPasswords.get(String(first.id))!;
    expect(initial.length).toBeGreaterThanOrEqual(16);
    expect((await check(sim, `/_sim/orgs/0/devices/${String(first.id)}/sip/check`, initial)).body).toEqual({
      valid: true,
    });
    // Control-API additions are not client actions.
    expect(((await (await sim.request("/_sim/devices/log")).json()) as { items: Obj[] }).items).toEqual([]);
  });

  it("spreads 5000 phones (PARTNER by default) over every location with calling people, each with its own MAC", async () => {
    const sim = quietSim({ customers: [450] });
    const org = sim.sim.tenant.customers[0]!;
    const before = org.collections.devices.size;
    const { status, body } = await bulk(sim, org.id, { count: 5000 });
    expect(status).toBe(201);
    expect(org.collections.devices.size).toBe(before + 5000);
    const macs = new Set(org.collections.devices.items.map((d) => d.mac));
    expect(macs.size).toBe(org.collections.devices.size);
    const locations = new Set(body.items.map((i) => i.locationId));
    expect(locations.size).toBe(org.collections.locations.size);
    expect(locations.size).toBeGreaterThan(1);
    for (const item of body.items.slice(0, 50)) {
      const person = org.collections.people.get(String(item.personId))!;
      expect(person.locationId).toBe(item.locationId);
      expect(typeof person.extension).toBe("string");
      expect(org.collections.telephonyDevices.get(String(item.id))).toMatchObject({
        managedBy: "PARTNER",
        manufacturer: "THIRD_PARTY",
      });
    }
  });

  it("refuses bad counts and managedBy, unknown locations and locations without calling people", async () => {
    const sim = quietSim({ customers: [60] });
    for (const count of [0, 5001, 1.5, "3", undefined]) {
      const res = await bulk(sim, "0", { count });
      expect(res.status, String(count)).toBe(400);
    }
    expect((await bulk(sim, "0", { count: 1, managedBy: "CISCO" })).status).toBe(400);
    expect((await bulk(sim, "0", { count: 1, locationId: "nope" })).status).toBe(404);
    expect((await bulk(sim, "9", { count: 1 })).status).toBe(404);
    const added = await sim.request(
      "/_sim/orgs/0/locations",
      json({ name: "Empty Site", orgId: sim.sim.tenant.customers[0]!.id }),
    );
    const empty = String(((await added.json()) as { items: Obj[] }).items[0]!.id);
    const none = await bulk(sim, "0", { count: 1, locationId: empty });
    expect(none.status).toBe(400);
    expect(none.body.message).toContain(empty);
    // The partner org has no calling people at all.
    expect((await bulk(sim, "partner", { count: 1 })).status).toBe(400);
  });
});
