import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sipPasswordProblems } from "@wxsync/core/sip";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runCron } from "../../test/cron.ts";
import { call, createKey } from "../../test/helpers.ts";
import {
  connect,
  createCustomer,
  type SimOrg,
  sim,
  simObjects,
  simOrgs,
  waitForRun,
} from "../../test/sim.ts";
import { customers } from "../customers/schema.ts";
import { parseEnv } from "../env.ts";
import { createServices } from "../lib/services.ts";
import { newPassword, pushSealed, sealed, sealStatement } from "./credentials.ts";
import { loadDevice } from "./managed.ts";
import { customerWebex } from "./webex.ts";

type Headers = Record<string, string>;
type Row = Record<string, unknown> & { id: string };
type Credential = { deviceId: string; managed: boolean; rotations: number; trackingId: string | null };
type Revealed = Credential & { password: string | null; pendingPassword: string | null };
type Job = {
  id: string;
  status: string;
  progress: { total: number; done: number; failed: number; remaining: number };
};
type DeviceLog = { deviceId: string; action: string; changed?: boolean; at: string };

let admin: Headers;
let operator: Headers;
let viewer: Headers;
let org: SimOrg;
let customerId: string;
let bulkLocation: string;
const bulkDevices: string[] = [];

const base = () => `/api/v1/customers/${customerId}`;
const json = async <T>(res: Response, status = 200): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json<T>();
};
const send = (method: string, path: string, headers: Headers, body?: unknown) =>
  call(path, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function all(path: string, headers: Headers = admin): Promise<Row[]> {
  const out: Row[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page: { items: Row[]; nextCursor: string | null } = await json(
      await call(`${path}${sep}limit=1000${cursor ? `&cursor=${cursor}` : ""}`, { headers }),
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const deviceLog = async (deviceId?: string) =>
  (
    await sim<{ items: DeviceLog[] }>(
      "GET",
      `/devices/log?orgId=${org.ref}${deviceId ? `&deviceId=${encodeURIComponent(deviceId)}` : ""}`,
    )
  ).items;
const sipValid = async (deviceId: string, password: string) =>
  (
    await sim<{ valid: boolean }>(
      "POST",
      `/orgs/${org.ref}/devices/${encodeURIComponent(deviceId)}/sip/check`,
      { password },
    )
  ).valid;

async function runDevicesSync() {
  const syncs = await all(`${base()}/data-syncs`);
  const devices = syncs.find((s) => s.builtIn === "devices")!;
  const started = await json<{ runId: string }>(
    await send("POST", `${base()}/data-syncs/${devices.id}/run`, admin),
    202,
  );
  const run = await waitForRun(customerId, started.runId, admin, 60_000);
  expect(run.status).toBe("succeeded");
  return run;
}

const reveal = (deviceId: string, headers: Headers = admin) =>
  send("POST", `${base()}/devices/${encodeURIComponent(deviceId)}/sip-password/reveal`, headers);
const rotate = (deviceId: string, source: "webex" | "local", headers: Headers = operator) =>
  send("POST", `${base()}/devices/${encodeURIComponent(deviceId)}/sip-password/rotate`, headers, { source });

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin", { name: "device admin" })).headers;
  operator = (await createKey("operator", { name: "device operator" })).headers;
  viewer = (await createKey("viewer", { name: "device viewer" })).headers;
  org = (await simOrgs()).find((o) => o.ref === "1")!;
  // 200 partner-managed SIP phones at one location, beside the tenant's own third-party devices.
  const locations = await simObjects(org.ref, "locations");
  const people = await simObjects(org.ref, "people");
  bulkLocation = String(
    locations.find((l) => people.some((p) => p.locationId === l.id && typeof p.extension === "string"))!.id,
  );
  const added = await sim<{ items: { id: string }[] }>("POST", `/orgs/${org.ref}/third-party-devices`, {
    count: 200,
    locationId: bulkLocation,
  });
  bulkDevices.push(...added.items.map((d) => d.id));
  customerId = (await createCustomer(admin, "Phonism Devices Co", org.uuid, { syncOnCreate: false })).id;
  expect((await connect(`${base()}/connect`, admin, org.uuid)).status).toBe(200);
  // The full sync brings locations, users and workspaces (the hierarchy); the devices sync the device details.
  const full = (await all(`${base()}/data-syncs`)).find((s) => s.builtIn === "all")!;
  const started = await json<{ runId: string }>(
    await send("POST", `${base()}/data-syncs/${full.id}/run`, admin),
    202,
  );
  expect((await waitForRun(customerId, started.runId, admin, 60_000)).status).toMatch(/succeeded|completed/);
  await runDevicesSync();
}, 120_000);

describe("partner-managed devices", () => {
  it("syncs partner- and customer-managed devices with their SIP details, lines and configuration", async () => {
    const calling = await simObjects(org.ref, "telephonyDevices");
    const managed = calling.filter((t) => t.managedBy === "PARTNER" || t.managedBy === "CUSTOMER");
    expect(managed.length).toBeGreaterThan(200);
    const details = await all(`${base()}/models/DeviceCallingDetails`);
    expect(details.map((d) => d.id).sort()).toEqual(managed.map((t) => String(t.id)).sort());
    for (const t of managed) {
      const row = details.find((d) => d.id === t.id)!;
      const owner = t.owner as { sipUserName: string; linePort: string };
      expect(row).toMatchObject({
        mac: t.mac,
        model: t.model,
        managedBy: t.managedBy,
        sipUserName: owner.sipUserName,
        linePort: owner.linePort,
        outboundProxy: (t.proxy as { outboundProxy: string }).outboundProxy,
        activationState: t.activationState,
      });
    }
    const partner = details.filter((d) => d.managedBy === "PARTNER");
    expect(partner.length).toBeGreaterThanOrEqual(200);
    // Lines per device, and the configuration queryable per device and key.
    const someDevice = bulkDevices[0]!;
    const lines = await all(`${base()}/models/DeviceLines?deviceId=${encodeURIComponent(someDevice)}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ port: 1, lineType: "PRIMARY" });
    const volume = await all(
      `${base()}/models/DeviceConfiguration?deviceId=${encodeURIComponent(someDevice)}&key=Audio.Ultrasound.MaxVolume`,
    );
    expect(volume).toHaveLength(1);
    expect(volume[0]).toMatchObject({ value: "70", source: "default" });
    // Cisco-managed devices are in Device but not read one by one.
    const devices = await all(`${base()}/models/Device?managedBy=CISCO`);
    expect(devices.length).toBeGreaterThan(0);
    expect(details.some((d) => devices.some((c) => c.id === d.id))).toBe(false);
  });

  it("browses partner → customer → location → users and workspaces → devices, and exports it as CSV", async () => {
    const locations = await all(`${base()}/hierarchy`);
    const here = locations.find((l) => l.id === bulkLocation)!;
    expect(here.partnerManagedDevices).toBeGreaterThanOrEqual(200);
    const members = await all(`${base()}/hierarchy/${encodeURIComponent(bulkLocation)}`);
    const withDevices = members.flatMap(
      (m) => (m.devices as { id: string; sipUserName: string | null }[]) ?? [],
    );
    for (const id of bulkDevices) expect(withDevices.find((d) => d.id === id)?.sipUserName).toBeTruthy();
    expect(members.length).toBe(Number(here.users) + Number(here.workspaces));
    // Every user and workspace is somewhere: those without a location under "(no location)".
    const users = await all(`${base()}/models/User`);
    const places = await all(`${base()}/models/Place`);
    expect(locations.reduce((n, l) => n + Number(l.users) + Number(l.workspaces), 0)).toBe(
      users.length + places.length,
    );
    const unplaced = locations.find((l) => l.id === "none")!;
    expect(unplaced.name).toBe("(no location)");
    expect(Number(unplaced.users)).toBe(users.filter((u) => !u.locationId).length);
    expect(await all(`${base()}/hierarchy/none`)).toHaveLength(
      Number(unplaced.users) + Number(unplaced.workspaces),
    );

    const res = await call(`${base()}/hierarchy.csv`, { headers: viewer });
    expect(res.status).toBe(200);
    const [header, ...rows] = parse(await res.text()) as string[][];
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    const deviceRows = rows.filter((r) => cell(r, "Device ID"));
    expect(deviceRows.length).toBe(
      (await all(`${base()}/models/Device`)).filter((d) => d.personId || d.workspaceId).length,
    );
    const one = deviceRows.find((r) => cell(r, "Device ID") === bulkDevices[0])!;
    expect(cell(one, "Customer")).toBe("Phonism Devices Co");
    expect(cell(one, "Location ID")).toBe(bulkLocation);
    expect(cell(one, "Managed by")).toBe("PARTNER");
    expect(cell(one, "SIP user name")).toBeTruthy();
  });

  it("adds the partner level: its customers with their counts, and one CSV over all of them", async () => {
    const partnerOrg = (await simOrgs()).find((o) => o.ref === "partner")!;
    const partner = await json<{ id: string }>(
      await send("POST", "/api/v1/partners", admin, {
        name: "Hierarchy Partner",
        organizationId: partnerOrg.uuid,
      }),
      201,
    );
    // Adopting through Webex sets this link; here it is set directly, the hierarchy only reads it.
    await env.DB.prepare("UPDATE customers SET partner_id = ? WHERE id = ?")
      .bind(partner.id, customerId)
      .run();
    const [node] = await all(`/api/v1/partners/${partner.id}/hierarchy`);
    const locations = await all(`${base()}/hierarchy`);
    const sum = (key: string) => locations.reduce((n, l) => n + Number(l[key]), 0);
    expect(node).toMatchObject({
      id: customerId,
      name: "Phonism Devices Co",
      locations: locations.filter((l) => l.id !== "none").length,
      users: sum("users"),
      workspaces: sum("workspaces"),
      partnerManagedDevices: sum("partnerManagedDevices"),
    });
    const partnerCsv = parse(
      await (await call(`/api/v1/partners/${partner.id}/hierarchy.csv`, { headers: admin })).text(),
    ) as string[][];
    const customerCsv = parse(
      await (await call(`${base()}/hierarchy.csv`, { headers: admin })).text(),
    ) as string[][];
    expect(partnerCsv).toHaveLength(customerCsv.length);
    expect(new Set(partnerCsv.slice(1).map((r) => r[0]))).toEqual(new Set(["Hierarchy Partner"]));
    // A key scoped to some customers sees no partner.
    const scoped = await createKey("viewer", { scope: [customerId] });
    expect((await call(`/api/v1/partners/${partner.id}/hierarchy`, { headers: scoped.headers })).status).toBe(
      404,
    );
  });

  it("rotates one device's password at Webex: the simulator then accepts the new one, not the old", async () => {
    const device = bulkDevices[0]!;
    const first = await json<Credential>(await rotate(device, "webex"));
    expect(first).toMatchObject({ managed: true, rotations: 1 });
    expect(JSON.stringify(first)).not.toMatch(/password"/i);
    const old = (await json<Revealed>(await reveal(device))).password!;
    expect(await sipValid(device, old)).toBe(true);

    const second = await json<Credential>(await rotate(device, "local"));
    expect(second.rotations).toBe(2);
    const revealed = await reveal(device);
    expect(revealed.headers.get("cache-control")).toBe("no-store");
    const fresh = (await revealed.json<Revealed>()).password!;
    expect(fresh).not.toBe(old);
    expect(await sipValid(device, fresh)).toBe(true);
    expect(await sipValid(device, old)).toBe(false);
    expect((await deviceLog(device)).filter((l) => l.action === "setSipPassword" && l.changed)).toHaveLength(
      2,
    );

    // Both rotations and both reveals are in the log, with the device, the key and Webex's tracking id.
    const logs = await all(`/api/v1/logs?device=${encodeURIComponent(device)}`);
    const rotations = logs.filter((l) => String(l.message).includes("rotated"));
    expect(rotations).toHaveLength(2);
    expect(rotations.map((l) => l.webexTrackingId)).toContain(second.trackingId);
    expect(logs.filter((l) => String(l.message).includes('revealed to API key "device admin"'))).toHaveLength(
      2,
    );
    expect(JSON.stringify(logs)).not.toContain(fresh);
    expect(JSON.stringify(logs)).not.toContain(old);
    // The hierarchy says which devices' passwords wxsync holds, and since when (never the password).
    const members = await all(`${base()}/hierarchy/${encodeURIComponent(bulkLocation)}`);
    const shown = members
      .flatMap((m) => m.devices as { id: string; sipPasswordRotatedAt: string | null }[])
      .find((d) => d.id === device)!;
    expect(Date.parse(shown.sipPasswordRotatedAt!)).toBeGreaterThan(0);
    expect(JSON.stringify(members)).not.toContain(fresh);
  });

  it("refuses a viewer every write and every reveal, and an operator every reveal, before calling Webex", async () => {
    const device = bulkDevices[1]!;
    const before = (await deviceLog()).length;
    const bodies: [string, string, unknown][] = [
      ["POST", `${base()}/devices/${encodeURIComponent(device)}/sip-password/rotate`, { source: "local" }],
      ["POST", `${base()}/devices/${encodeURIComponent(device)}/sip-password/reveal`, undefined],
      ["POST", `${base()}/sip-rotations`, { source: "local" }],
      ["POST", `${base()}/devices/validate-macs`, { macs: ["11:22:33:44:55:66"] }],
      ["POST", `${base()}/devices`, { mac: "112233445566", model: "DMS Poly VVX 450", personId: "x" }],
      ["POST", `${base()}/devices/${encodeURIComponent(device)}/apply-changes`, undefined],
    ];
    for (const [method, path, body] of bodies) {
      const res = await send(method, path, viewer, body);
      expect(res.status, path).toBe(403);
      expect(await res.text()).not.toMatch(/"password"/);
    }
    expect((await reveal(device, operator)).status).toBe(403);
    expect((await deviceLog()).length).toBe(before);
    // What a viewer may see of a credential holds no password.
    const seen = await json<Record<string, unknown>>(
      await call(`${base()}/devices/${encodeURIComponent(bulkDevices[0]!)}/sip-password`, {
        headers: viewer,
      }),
    );
    expect(seen).toMatchObject({ managed: true, rotations: 2 });
    expect(Object.keys(seen)).not.toContain("password");
  });

  it("refuses a MAC that fails Webex's validation with Webex's reason, and creates nothing", async () => {
    const person = (await simObjects(org.ref, "people")).find((p) => typeof p.extension === "string")!;
    const inUse = String((await simObjects(org.ref, "devices")).find((d) => d.mac)!.mac);
    const checked = await json<{
      status: string;
      macs: { mac: string; state: string; errorCode: number | null }[];
    }>(
      await send("POST", `${base()}/devices/validate-macs`, operator, {
        macs: ["12:34:56:78:9A:BC", "nope", inUse],
      }),
    );
    expect(checked.status).toBe("ERRORS");
    expect(checked.macs.map((m) => [m.state, m.errorCode])).toEqual([
      ["AVAILABLE", null],
      ["UNAVAILABLE", 5674],
      ["UNAVAILABLE", 5675],
    ]);
    const before = (await simObjects(org.ref, "devices")).length;
    for (const [mac, reason] of [
      ["nope", "[Error 5674] MAC Address is invalid."],
      [inUse, "[Error 5675] MAC Address is in use."],
    ] as const) {
      const res = await send("POST", `${base()}/devices`, operator, {
        mac,
        model: "DMS Poly VVX 450",
        personId: person.id,
      });
      expect(res.status).toBe(409);
      const message = (await res.json<{ error: { message: string } }>()).error.message;
      expect(message).toContain(reason);
      expect(message).toContain("Nothing was created");
    }
    expect((await simObjects(org.ref, "devices")).length).toBe(before);
    expect((await deviceLog()).filter((l) => l.action === "createDevice")).toEqual([]);
    // The refusals are in the log under the device's MAC and Webex's error code.
    const refusals = await all(`/api/v1/logs?device=${encodeURIComponent(inUse)}&code=5675`);
    expect(refusals.map((l) => [l.kind, l.webexErrorCode])).toEqual([["webex_error", "5675"]]);
    expect(String(refusals[0]!.message)).toContain("MAC Address is in use");
  });

  it("creates a device by MAC with its SIP password, applies changes, logs both, and the next sync shows it", async () => {
    const person = (await simObjects(org.ref, "people")).find(
      (p) => typeof p.extension === "string" && p.locationId === bulkLocation,
    )!;
    const created = await json<{ deviceId: string; trackingId: string; sipPassword: { managed: boolean } }>(
      await send("POST", `${base()}/devices`, operator, {
        mac: "0A:1B:2C:3D:4E:5F",
        model: "DMS Poly VVX 450",
        personId: person.id,
        sipPassword: "webex",
        locationId: bulkLocation,
      }),
      201,
    );
    expect(created.sipPassword.managed).toBe(true);
    const password = (await json<Revealed>(await reveal(created.deviceId))).password!;
    expect(await sipValid(created.deviceId, password)).toBe(true);

    await runDevicesSync();
    const details = await all(`${base()}/models/DeviceCallingDetails?mac=0A1B2C3D4E5F`);
    expect(details.map((d) => d.id)).toEqual([created.deviceId]);

    const applied = await json<{ trackingId: string }>(
      await send("POST", `${base()}/devices/${encodeURIComponent(created.deviceId)}/apply-changes`, operator),
    );
    expect((await deviceLog(created.deviceId)).map((l) => l.action)).toEqual([
      "createDevice",
      "applyChanges",
    ]);
    const logs = await all(`/api/v1/logs?device=0a1b2c3d4e5f`);
    expect(logs.map((l) => l.webexTrackingId)).toEqual(
      expect.arrayContaining([created.trackingId, applied.trackingId]),
    );
    expect(JSON.stringify(logs)).not.toContain(password);
  });

  it("rotates 200 devices at the simulator's rate limit, interrupted and resumed, each exactly once", async () => {
    await sim("PATCH", "/config", { rateLimit: { perSecond: 20, burst: 40 } });
    const throttledBefore = (await sim<{ requests: { rateLimited: number } }>("GET", "/stats")).requests
      .rateLimited;
    const logBefore = (await deviceLog()).length;
    // The first runner is lost at its third batch (every retry fails too), as a dying isolate would be.
    const introspector = await introspectWorkflow(env.SIP_ROTATION_WORKFLOW);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "batch 2" }, new Error("runner lost"), 4);
    });
    const job = await json<Job>(
      await send("POST", `${base()}/sip-rotations`, operator, { locationId: bulkLocation, source: "local" }),
      202,
    );
    const [crashed] = await introspector.get();
    await crashed!.waitForStatus("errored");
    await introspector.dispose();
    const halfway = await json<Job>(await call(`${base()}/sip-rotations/${job.id}`, { headers: viewer }));
    expect(halfway.status).toBe("running");
    expect(halfway.progress.done).toBe(50);

    // A second kind of interruption: three devices whose new password was sealed and sent, but the runner died
    // before it could record that Webex accepted it (the phases of the real runner, stopped in between).
    const parsed = parseEnv(env);
    if (!parsed.ok) throw new Error(parsed.message);
    const services = createServices(parsed.env);
    const customer = (await services.db.select().from(customers).where(eq(customers.id, customerId)).get())!;
    const client = await customerWebex(services, customer);
    const pending = await env.DB.prepare(
      "SELECT device_id FROM sip_rotation_items WHERE job_id = ? AND state = 'pending' ORDER BY device_id LIMIT 3",
    )
      .bind(job.id)
      .all<{ device_id: string }>();
    const interrupted = pending.results.map((r) => r.device_id);
    for (const deviceId of interrupted) {
      const device = await loadDevice(services, customer, deviceId);
      const values = await sealed(
        services,
        customerId,
        device,
        await newPassword(client, device, "local"),
        "local",
      );
      await sealStatement(services, customerId, deviceId, values).run();
      await env.DB.prepare("UPDATE sip_rotation_items SET state = 'sent' WHERE job_id = ? AND device_id = ?")
        .bind(job.id, deviceId)
        .run();
      await pushSealed(services, client, customerId, deviceId, values.pending);
    }

    // A second job for the same customer is refused while this one runs (the database holds it to one).
    const second = await send("POST", `${base()}/sip-rotations`, operator, { source: "local" });
    expect(second.status).toBe(409);
    expect((await second.json<{ error: { message: string } }>()).error.message).toContain(job.id);
    // The cron notices the job has not moved for 10 minutes and starts a new runner, which carries on.
    await runCron(11 * 60_000);
    const done = await vi.waitFor(
      async () => {
        const j = await json<Job>(await call(`${base()}/sip-rotations/${job.id}`, { headers: viewer }));
        if (j.status === "running") throw new Error(`job at ${j.progress.done}/${j.progress.total}`);
        return j;
      },
      { timeout: 90_000, interval: 500 },
    );
    expect(done.status).toBe("succeeded");
    const partnerHere = (
      await all(
        `${base()}/models/DeviceCallingDetails?managedBy=PARTNER&locationId=${encodeURIComponent(bulkLocation)}`,
      )
    ).map((d) => d.id);
    expect(done.progress).toMatchObject({ total: partnerHere.length, done: partnerHere.length, failed: 0 });
    expect(partnerHere.length).toBeGreaterThanOrEqual(200);

    // Webex saw exactly one new password per device; the interrupted ones were sent the same password again.
    const log = (await deviceLog()).slice(logBefore).filter((l) => l.action === "setSipPassword");
    const changes = new Map<string, number>();
    for (const l of log) if (l.changed) changes.set(l.deviceId, (changes.get(l.deviceId) ?? 0) + 1);
    expect([...changes.keys()].sort()).toEqual([...partnerHere].sort());
    expect([...changes.values()].every((n) => n === 1)).toBe(true);
    for (const id of interrupted)
      expect(log.filter((l) => l.deviceId === id).map((l) => l.changed)).toEqual([true, false]);
    // It ran into the simulator's rate limit and waited it out.
    const throttled = (await sim<{ requests: { rateLimited: number } }>("GET", "/stats")).requests
      .rateLimited;
    expect(throttled).toBeGreaterThan(throttledBefore);
    await sim("PATCH", "/config", { rateLimit: false });

    // What wxsync holds is what each phone now registers with.
    const items = await all(`${base()}/sip-rotations/${job.id}/devices`);
    expect(items.every((i) => i.state === "done" && i.trackingId)).toBe(true);
    // The same per-device results as a CSV for the administrator's records.
    const [header, ...csvRows] = parse(
      await (await call(`${base()}/sip-rotations/${job.id}/devices.csv`, { headers: viewer })).text(),
    ) as string[][];
    expect(csvRows).toHaveLength(items.length);
    const col = (name: string) => header!.indexOf(name);
    for (const row of csvRows) {
      const item = items.find((i) => i.deviceId === row[col("Device ID")])!;
      expect([row[col("Result")], row[col("Webex tracking ID")]]).toEqual(["done", item.trackingId]);
    }
    const passwords: string[] = [];
    for (const id of partnerHere) {
      const r = await json<Revealed>(await reveal(id));
      expect(r.pendingPassword).toBeNull();
      passwords.push(r.password!);
    }
    for (const [i, id] of partnerHere.slice(0, 25).entries())
      expect(await sipValid(id, passwords[i]!)).toBe(true);
    // Generated here ("local"), each meets the SIP password rules, and no two are the same.
    expect(passwords.filter((p) => sipPasswordProblems(p).length > 0)).toEqual([]);
    expect(new Set(passwords).size).toBe(passwords.length);

    // Never in clear: not in any D1 table, not in the logs API or its CSV, not in non-admin answers.
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'",
    ).all<{ name: string }>();
    let dump = "";
    for (const { name } of tables.results) {
      if (name.startsWith("sqlite_") || name === "d1_migrations") continue;
      dump += JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
    }
    const logsCsv = await (await call("/api/v1/logs.csv", { headers: admin })).text();
    const viewerViews = JSON.stringify(await all(`${base()}/sip-rotations/${job.id}/devices`, viewer));
    for (const password of passwords) {
      expect(dump.includes(password)).toBe(false);
      expect(logsCsv.includes(password)).toBe(false);
      expect(viewerViews.includes(password)).toBe(false);
    }
    expect(dump).toContain("wxv1:");
  }, 180_000);

  it("cancels a running bulk rotation: devices not yet rotated stay as they were", async () => {
    // Slow Webex down so the job is still running when it is cancelled.
    await sim("PATCH", "/config", { latencyMs: 200, jitterMs: 0 });
    const job = await json<Job>(
      await send("POST", `${base()}/sip-rotations`, operator, { source: "local" }),
      202,
    );
    expect((await send("POST", `${base()}/sip-rotations/${job.id}/cancel`, viewer)).status).toBe(403);
    const cancelled = await json<Job>(
      await send("POST", `${base()}/sip-rotations/${job.id}/cancel`, operator),
    );
    await sim("PATCH", "/config", { latencyMs: 0 });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.progress.done).toBeLessThan(cancelled.progress.total);
    // Once the runner has noticed, nothing moves any more.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const later = await json<Job>(await call(`${base()}/sip-rotations/${job.id}`, { headers: viewer }));
    const still = await json<Job>(await call(`${base()}/sip-rotations/${job.id}`, { headers: viewer }));
    expect(still.progress).toEqual(later.progress);
    expect(later.progress.done + later.progress.failed).toBe(later.progress.total);
    expect((await send("POST", `${base()}/sip-rotations/${job.id}/cancel`, operator)).status).toBe(409);
    const logs = await all(`/api/v1/logs?q=${encodeURIComponent(`${job.id} cancelled`)}`);
    expect(logs).toHaveLength(1);
  });

  it("runs the devices sync daily on its own schedule, and retries it 10 minutes later when another sync is running", async () => {
    const schedules = (await all(`${base()}/schedules`)).map((s) => String(s.name));
    expect(schedules).toEqual(
      expect.arrayContaining(["SyncSpark-SCHED-PhonismDevicesCo", "SyncSparkDevices-SCHED-PhonismDevicesCo"]),
    );
    // Both fall due at once: one starts, the other is put off instead of being lost for the day.
    await env.DB.prepare("UPDATE schedules SET next_run_at = ? WHERE customer_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), customerId)
      .run();
    await runCron();
    const rows = await env.DB.prepare(
      "SELECT name, next_run_at FROM schedules WHERE customer_id = ? ORDER BY name",
    )
      .bind(customerId)
      .all<{ name: string; next_run_at: string }>();
    const inMinutes = rows.results
      .map((r) => Math.round((Date.parse(r.next_run_at) - Date.now()) / 60_000))
      .sort((a, b) => a - b);
    expect(inMinutes).toEqual([10, 1440]);
    const runs = await all(`${base()}/runs?trigger=schedule`);
    expect(runs).toHaveLength(1);
    await waitForRun(customerId, String(runs[0]!.id), admin, 60_000);
  });

  it("deletes the customer in wxsync without deleting anything at Webex", async () => {
    const devicesBefore = (await simObjects(org.ref, "devices")).length;
    const logBefore = (await deviceLog()).length;
    const statsBefore = (
      await sim<{ requests: { endpoints: Record<string, Record<string, number>> } }>("GET", "/stats")
    ).requests.endpoints;
    expect((await send("DELETE", base(), admin)).status).toBe(204);
    const stats = (
      await sim<{ requests: { endpoints: Record<string, Record<string, number>> } }>("GET", "/stats")
    ).requests.endpoints;
    const deletes = (e: Record<string, Record<string, number>>) =>
      Object.entries(e)
        .filter(([k]) => k.startsWith("DELETE "))
        .reduce((n, [, s]) => n + Object.values(s).reduce((a, b) => a + b, 0), 0);
    expect(deletes(stats)).toBe(deletes(statsBefore));
    expect((await simObjects(org.ref, "devices")).length).toBe(devicesBefore);
    expect((await deviceLog()).length).toBe(logBefore);
    const left = await env.DB.prepare(
      "SELECT (SELECT count(*) FROM sip_credentials WHERE customer_id = ?1) + (SELECT count(*) FROM sip_rotation_jobs WHERE customer_id = ?1) AS n",
    )
      .bind(customerId)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
