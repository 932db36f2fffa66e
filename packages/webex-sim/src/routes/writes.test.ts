import { beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../app.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Org } from "../tenant/types.ts";
import { call, customerSim, getJson, mintToken } from "../testkit.ts";

let sim: Simulator;
let token: string;
let org: Org;
let q: string;

beforeEach(async () => {
  ({ sim, token, org, q } = await customerSim(60));
});

const put = (path: string, body: unknown) =>
  call(sim, token, path, { method: "PUT", body: JSON.stringify(body) });
const post = (path: string, body: unknown) =>
  call(sim, token, path, { method: "POST", body: JSON.stringify(body) });
const callingPerson = () => org.collections.people.items.find((p) => typeof p.extension === "string")!;

describe("per-person call settings", () => {
  it("reads and writes every UserConfig feature, and a later read sees the write", async () => {
    const id = String(callingPerson().id);
    for (const feature of [
      "callForwarding",
      "callWaiting",
      "callerId",
      "doNotDisturb",
      "voicemail",
      "incomingPermission",
      "outgoingPermission",
      "intercept",
      "privacy",
    ]) {
      const before = await getJson(sim, token, `/people/${id}/features/${feature}?${q}`);
      expect(Object.keys(before).length, feature).toBeGreaterThan(0);
    }
    expect((await put(`/people/${id}/features/doNotDisturb?${q}`, { enabled: true })).status).toBe(204);
    expect(await getJson(sim, token, `/people/${id}/features/doNotDisturb?${q}`)).toMatchObject({
      enabled: true,
      ringSplashEnabled: false,
    });
    await put(`/people/${id}/features/callForwarding?${q}`, {
      callForwarding: { busy: { enabled: true, destination: "+15551234567" } },
    });
    const fwd = await getJson<{ callForwarding: { busy: Obj; always: Obj } }>(
      sim,
      token,
      `/people/${id}/features/callForwarding?${q}`,
    );
    expect(fwd.callForwarding.busy).toMatchObject({
      enabled: true,
      destination: "+15551234567",
      destinationVoicemailEnabled: false,
    });
    expect(fwd.callForwarding.always).toBeDefined();
  });

  it("derives numbers and caller id from the person's extension and number", async () => {
    const p = callingPerson();
    const numbers = await getJson<{ phoneNumbers: Obj[] }>(
      sim,
      token,
      `/people/${String(p.id)}/features/numbers?${q}`,
    );
    expect(numbers.phoneNumbers[0]).toMatchObject({ primary: true, extension: p.extension });
    const callerId = await getJson(sim, token, `/people/${String(p.id)}/features/callerId?${q}`);
    expect(callerId).toMatchObject({ extensionNumber: p.extension, firstName: p.firstName });
  });

  it("has no call settings for a person without Webex Calling", async () => {
    const p = org.collections.people.items.find((x) => x.extension === undefined);
    expect(p, "the tenant has a person without calling").toBeDefined();
    expect((await call(sim, token, `/people/${String(p!.id)}/features/voicemail?${q}`)).status).toBe(404);
  });
});

describe("per-workspace call settings", () => {
  it("reads and writes workspace features under both path families", async () => {
    const ws = org.collections.workspaces.items.find((w) => (w.calling as Obj).type === "webexCalling")!;
    const id = String(ws.id);
    await put(`/workspaces/${id}/features/callWaiting?${q}`, { enabled: false });
    expect(await getJson(sim, token, `/workspaces/${id}/features/callWaiting?${q}`)).toEqual({
      enabled: false,
    });
    await put(`/telephony/config/workspaces/${id}/doNotDisturb?${q}`, { enabled: true });
    expect(await getJson(sim, token, `/telephony/config/workspaces/${id}/doNotDisturb?${q}`)).toMatchObject({
      enabled: true,
    });
  });
});

describe("people and workspace updates", () => {
  it("PUT /people/{id} changes the person for later reads", async () => {
    const p = callingPerson();
    const res = await put(`/people/${String(p.id)}?${q}&callingData=true`, {
      ...p,
      displayName: "Renamed Person",
      department: "Legal",
    });
    expect(res.status).toBe(200);
    const again = await getJson(sim, token, `/people/${String(p.id)}?${q}`);
    expect(again).toMatchObject({ displayName: "Renamed Person", department: "Legal" });
  });

  it("licence counts follow licence changes", async () => {
    const p = callingPerson();
    const meetings = org.collections.licenses.items.find((l) => String(l.name).startsWith("Meeting"))!;
    const before = (await getJson<{ items: Obj[] }>(sim, token, `/licenses?${q}`)).items.find(
      (l) => l.id === meetings.id,
    )!;
    const has = (p.licenses as string[]).includes(String(meetings.id));
    const licenses = has
      ? (p.licenses as string[]).filter((l) => l !== meetings.id)
      : [...(p.licenses as string[]), String(meetings.id)];
    await put(`/people/${String(p.id)}?${q}`, { ...p, licenses });
    const after = (await getJson<{ items: Obj[] }>(sim, token, `/licenses?${q}`)).items.find(
      (l) => l.id === meetings.id,
    )!;
    expect(Number(after.consumedUnits)).toBe(Number(before.consumedUnits) + (has ? -1 : 1));
  });

  it("PUT /workspaces/{id} changes the workspace", async () => {
    const ws = org.collections.workspaces.items[0]!;
    await put(`/workspaces/${String(ws.id)}?${q}`, { displayName: "Board Room", capacity: 12 });
    expect(await getJson(sim, token, `/workspaces/${String(ws.id)}?${q}`)).toMatchObject({
      displayName: "Board Room",
      capacity: 12,
    });
  });
});

describe("devices", () => {
  it("sets a third-party device's SIP password, and refuses it for Cisco devices", async () => {
    const third = org.collections.telephonyDevices.items.find((d) => d.manufacturer === "THIRD_PARTY")!;
    expect(
      (await put(`/telephony/config/devices/${String(third.id)}?${q}`, { sipPassword: "Test4Password123&" }))
        .status,
    ).toBe(204);
    expect(org.sipPasswords.get(String(third.id))).toBe("Test4Password123&");
    const details = await getJson(sim, token, `/telephony/config/devices/${String(third.id)}?${q}`);
    expect(details).toMatchObject({
      manufacturer: "THIRD_PARTY",
      owner: { sipUserName: expect.any(String), linePort: expect.any(String) },
    });
    expect(JSON.stringify(details)).not.toContain("Test4Password123&");
    const cisco = org.collections.telephonyDevices.items.find((d) => d.manufacturer === "CISCO")!;
    expect(
      (await put(`/telephony/config/devices/${String(cisco.id)}?${q}`, { sipPassword: "Test4Password123&" }))
        .status,
    ).toBe(400);
  });

  it("creates a device by MAC, which then shows in lists and validateMacs", async () => {
    const person = callingPerson();
    const res = await post(`/devices?${q}`, {
      mac: "00005E0053B4",
      model: "Yealink T54W",
      personId: person.id,
      password: "Secret123!",
    });
    expect(res.status).toBe(200);
    const device = (await res.json()) as Obj;
    expect(device).toMatchObject({ mac: "00:00:5E:00:53:B4", personId: person.id, managedBy: "CUSTOMER" });
    const listed = await getJson<{ items: Obj[] }>(sim, token, `/devices?${q}&personId=${String(person.id)}`);
    expect(listed.items.map((d) => d.id)).toContain(device.id);
    const validate = await post(`/telephony/config/devices/actions/validateMacs/invoke?${q}`, {
      macs: ["00005E0053B4", "ab125678cdef"],
    });
    expect(await validate.json()).toEqual({
      status: "ERRORS",
      macStatus: [
        {
          mac: "00005E0053B4",
          state: "UNAVAILABLE",
          errorCode: 5675,
          message: "[Error 5675] MAC Address is in use.",
        },
        { mac: "ab125678cdef", state: "AVAILABLE" },
      ],
    });
    expect(
      (await post(`/devices?${q}`, { mac: "00005E0053B4", model: "Yealink T54W", personId: person.id }))
        .status,
    ).toBe(400);
  });

  it("patches device configurations and reads them back", async () => {
    const device = org.collections.devices.items[0]!;
    const url = `/deviceConfigurations?${q}&deviceId=${String(device.id)}`;
    const res = await call(sim, token, url, {
      method: "PATCH",
      headers: { "Content-Type": "application/json-patch+json" },
      body: JSON.stringify([
        { op: "replace", path: "Audio.Ultrasound.MaxVolume/sources/configured/value", value: 50 },
      ]),
    });
    expect(res.status).toBe(201);
    const read = await getJson<{ items: Record<string, Obj> }>(sim, token, `${url}&key=Audio.*`);
    expect(Object.keys(read.items)).toEqual(["Audio.Ultrasound.MaxVolume"]);
    expect(read.items["Audio.Ultrasound.MaxVolume"]).toMatchObject({ value: 50, source: "configured" });
  });
});

describe("partner and customer access", () => {
  it("lets a partner token act on a customer org with orgId, but not a customer token on another org", async () => {
    const other = sim.sim.tenant.partner;
    const customerToken = await mintToken(sim, { org: 0 });
    expect((await call(sim, customerToken, "/people")).status).toBe(200);
    expect((await call(sim, customerToken, `/people?orgId=${other.id}`)).status).toBe(403);
    expect((await call(sim, customerToken, "/broadworks/enterprises")).status).toBe(403);
    const orgs = await getJson<{ items: Obj[] }>(sim, token, "/organizations");
    expect(orgs.items.length).toBe(2);
    expect((await getJson<{ items: Obj[] }>(sim, customerToken, "/organizations")).items.length).toBe(1);
  });

  it("hides calling fields without callingData", async () => {
    const p = callingPerson();
    const plain = await getJson(sim, token, `/people/${String(p.id)}?${q}`);
    expect(plain.extension).toBeUndefined();
    expect(JSON.stringify(plain.phoneNumbers)).not.toContain("work_extension");
    const full = await getJson(sim, token, `/people/${String(p.id)}?${q}&callingData=true`);
    expect(full.extension).toBe(p.extension);
  });
});
