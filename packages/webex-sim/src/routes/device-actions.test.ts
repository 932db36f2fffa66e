import { beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../app.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Org } from "../tenant/types.ts";
import { call, customerSim, mintToken } from "../testkit.ts";

let sim: Simulator;
let token: string;
let org: Org;
let q: string;

beforeEach(async () => {
  ({ sim, token, org, q } = await customerSim(60));
});

const post = (path: string, body?: unknown, t = token) =>
  call(sim, t, path, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
const readOnlyToken = () => mintToken(sim, { scopes: ["spark-admin:telephony_config_read"] });
const thirdParty = () =>
  org.collections.telephonyDevices.items.find((d) => d.manufacturer === "THIRD_PARTY")!;
const log = async (query = "") =>
  ((await (await sim.request(`/_sim/devices/log${query}`)).json()) as { items: Obj[] }).items;

describe("POST /telephony/config/locations/{locationId}/actions/generatePassword/invoke", () => {
  const url = () =>
    `/telephony/config/locations/${String(org.collections.locations.items[0]!.id)}/actions/generatePassword/invoke?${q}`;

  it("answers a fresh 16-character SIP password of every character class, with or without a body", async () => {
    const seen = new Set<string>();
    for (const body of [
      undefined,
      {},
      { generate: [] },
      { generate: ["sip"] },
      ...Array(16).fill(undefined),
    ]) {
      const res = await post(url(), body);
      expect(res.status).toBe(200);
      const { exampleSipPassword: pw } = (await res.json()) as { exampleSipPassword: string };
      expect(pw).toHaveLength(16);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/[0-9]/);
      expect(pw).toMatch(/[!@#$%^&*\-_+=?]/);
      expect(pw).toMatch(/^[A-Za-z0-9!@#$%^&*\-_+=?]+$/);
      seen.add(pw);
    }
    expect(seen.size).toBe(20);
  });

  it("refuses other kinds, a non-array generate, an unknown location and a read-only token", async () => {
    const other = await post(url(), { generate: ["sip", "voicemail"] });
    expect(other.status).toBe(400);
    expect(((await other.json()) as Obj).message).toContain('"voicemail"');
    expect((await post(url(), { generate: "sip" })).status).toBe(400);
    const missing = await post(`/telephony/config/locations/nope/actions/generatePassword/invoke?${q}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      message: expect.any(String),
      errors: [{ description: expect.any(String) }],
      trackingId: expect.any(String),
    });
    expect((await post(url(), undefined, await readOnlyToken())).status).toBe(403);
  });
});

describe("POST /telephony/config/devices/{deviceId}/actions/applyChanges/invoke", () => {
  it("answers 204 for the device id or the calling device id, and logs each", async () => {
    const device = org.collections.devices.get(String(thirdParty().id))!;
    for (const id of [device.id, device.callingDeviceId]) {
      const res = await post(`/telephony/config/devices/${String(id)}/actions/applyChanges/invoke?${q}`);
      expect(res.status).toBe(204);
    }
    expect(await log()).toEqual([
      { at: expect.any(String), orgId: org.id, deviceId: device.id, action: "applyChanges" },
      { at: expect.any(String), orgId: org.id, deviceId: device.id, action: "applyChanges" },
    ]);
  });

  it("answers 404 for an unknown device and 403 without the write scope", async () => {
    expect((await post(`/telephony/config/devices/nope/actions/applyChanges/invoke?${q}`)).status).toBe(404);
    const id = String(thirdParty().id);
    const url = `/telephony/config/devices/${id}/actions/applyChanges/invoke?${q}`;
    expect((await post(url, undefined, await readOnlyToken())).status).toBe(403);
    expect(await log()).toEqual([]);
  });
});

describe("validateMacs", () => {
  it("needs spark-admin:telephony_config_write, as the spec says", async () => {
    const url = `/telephony/config/devices/actions/validateMacs/invoke?${q}`;
    const denied = await post(url, { macs: ["ab125678cdef"] }, await readOnlyToken());
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as Obj).message).toContain("spark-admin:telephony_config_write");
    const writer = await mintToken(sim, { scopes: ["spark-admin:telephony_config_write"] });
    expect((await post(url, { macs: ["ab125678cdef"] }, writer)).status).toBe(200);
  });
});

describe("the device action log", () => {
  it("records SIP password writes with whether they changed it, and device creation, at sim time", async () => {
    const id = String(thirdParty().id);
    await sim.request("/_sim/clock/advance", { method: "POST", body: JSON.stringify({ seconds: 60 }) });
    const put = (sipPassword: string) =>
      call(sim, token, `/telephony/config/devices/${id}?${q}`, {
        method: "PUT",
        body: JSON.stringify({ sipPassword }),
      });
    expect((await put("Fresh4Password!")).status).toBe(204);
    expect((await put("Fresh4Password!")).status).toBe(204);
    expect((await put("short")).status).toBe(400);
    const person = org.collections.people.items.find((p) => typeof p.extension === "string")!;
    const created = await post(`/devices?${q}`, {
      mac: "00005E0053B4",
      model: "Yealink T54W",
      personId: person.id,
    });
    const newId = String(((await created.json()) as Obj).id);
    const now = ((await (await sim.request("/_sim/clock")).json()) as { now: string }).now;
    const items = await log();
    expect(items).toEqual([
      { at: expect.any(String), orgId: org.id, deviceId: id, action: "setSipPassword", changed: true },
      { at: expect.any(String), orgId: org.id, deviceId: id, action: "setSipPassword", changed: false },
      { at: expect.any(String), orgId: org.id, deviceId: newId, action: "createDevice" },
    ]);
    for (const e of items) {
      const at = Date.parse(String(e.at));
      expect(Math.abs(at - Date.parse(now))).toBeLessThan(5_000); // the sim clock, a minute ahead of the wall
      expect(at - Date.now()).toBeGreaterThan(50_000);
    }
    expect((await log(`?deviceId=${newId}`)).map((e) => e.action)).toEqual(["createDevice"]);
    expect(await log(`?orgId=${org.id}&deviceId=${id}`)).toHaveLength(2);
    expect(await log("?orgId=0")).toHaveLength(3);
    expect(await log(`?orgId=${sim.sim.tenant.partner.id}`)).toEqual([]);
    await sim.request("/_sim/reset", { method: "POST" });
    expect(await log()).toEqual([]);
  });
});
