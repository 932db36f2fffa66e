import { env } from "cloudflare:workers";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { runCron } from "../../test/cron.ts";
import { call, createKey } from "../../test/helpers.ts";
import { connect, createCustomer, sim, simOrgs, waitForRun } from "../../test/sim.ts";
import { createDb } from "../db/client.ts";
import { writeLogs } from "./write.ts";

type Entry = {
  id: number;
  at: string;
  level: string;
  kind: string;
  message: string;
  model: string | null;
  customerId: string | null;
  webexStatus: number | null;
  webexTrackingId: string | null;
  mac: string | null;
};
type Page = { items: Entry[]; nextCursor: string | null };

let admin: Record<string, string>;
let customerId: string;
const logs = async (query: string) => {
  const res = await call(`/api/v1/logs?${query}`, { headers: admin });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<Page>();
};
const services = () => ({ db: createDb(env.DB), now: () => new Date() });

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  const org = (await simOrgs()).find((o) => o.ref === "0")!;
  const customer = await createCustomer(admin, "Logs Co", org.uuid, { syncOnCreate: false });
  customerId = customer.id;
  expect((await connect(`/api/v1/customers/${customerId}/connect`, admin, org.uuid)).status).toBe(200);
  // Webex refuses the device list for this whole sync.
  await sim("PUT", "/faults", { rules: [{ type: "status", path: "/devices", status: 403 }] });
  const started = await call(`/api/v1/customers/${customerId}/actions/sync-users`, {
    method: "POST",
    headers: admin,
  });
  expect(started.status).toBe(202);
  await waitForRun(customerId, (await started.json<{ runId: string }>()).runId, admin, 60_000);
  const syncs = await (await call(`/api/v1/customers/${customerId}/data-syncs`, { headers: admin })).json<{
    items: { id: string; name: string }[];
  }>();
  const full = syncs.items.find((s) => s.name === "SyncSparkLogsCo")!;
  const run = await call(`/api/v1/customers/${customerId}/data-syncs/${full.id}/run`, {
    method: "POST",
    headers: admin,
  });
  await waitForRun(customerId, (await run.json<{ runId: string }>()).runId, admin, 60_000);
  await sim("DELETE", "/faults");
});

describe("logs", () => {
  it("records token events, syncs and each Webex error with its status and tracking id", async () => {
    const all = await logs(`customerId=${customerId}&limit=1000`);
    const kinds = new Set(all.items.map((e) => e.kind));
    expect(kinds).toEqual(new Set(["token", "sync", "webex_error", "action"]));
    const errors = await logs(`customerId=${customerId}&kind=webex_error&model=Device`);
    expect(errors.items.length).toBeGreaterThan(0);
    const error = errors.items[0]!;
    expect(error).toMatchObject({ level: "error", model: "Device", webexStatus: 403 });
    expect(error.webexTrackingId).toMatch(/\S+/);
    // The same entry by Webex code, by tracking id, and by text.
    expect((await logs(`code=403`)).items.map((e) => e.id)).toContain(error.id);
    expect(
      (await logs(`trackingId=${encodeURIComponent(error.webexTrackingId!)}`)).items.map((e) => e.id),
    ).toEqual([error.id]);
    expect((await logs(`q=${encodeURIComponent("Device:")}&level=error`)).items.map((e) => e.id)).toContain(
      error.id,
    );
    expect((await logs(`code=404`)).items.filter((e) => e.customerId === customerId)).toEqual([]);
  });

  it("records each change made through the API with the key that made it, and nothing for refused ones", async () => {
    const before = (await logs("kind=action&limit=1000")).items.length;
    const res = await call(`/api/v1/customers/${customerId}`, {
      method: "PATCH",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ notes: "audited" }),
    });
    expect(res.status).toBe(200);
    const refused = await call(`/api/v1/customers/${customerId}`, {
      method: "PATCH",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ notes: 42 }),
    });
    expect(refused.status).toBe(400);
    const actions = await logs(`kind=action&customerId=${customerId}&limit=1000`);
    expect(actions.items[0]?.message).toBe('PATCH /api/v1/customers/:id by API key "admin key" (200)');
    expect((await logs("kind=action&limit=1000")).items.length).toBe(before + 1);
  });

  it("finds a device's entries by id or by its MAC written any way", async () => {
    await writeLogs(services(), [
      {
        level: "info",
        kind: "action",
        message: "Phone rebooted",
        customerId,
        deviceId: "dev-1",
        mac: "00:1a:2b:3c:4d:5e",
      },
    ]);
    for (const device of ["dev-1", "001A2B3C4D5E", "00-1a-2b-3c-4d-5e", "00:1A:2B:3C:4D:5E"]) {
      const found = await logs(`device=${encodeURIComponent(device)}`);
      expect(
        found.items.map((e) => e.message),
        device,
      ).toEqual(["Phone rebooted"]);
    }
    expect((await logs(`device=00:1A:2B:3C:4D:5F`)).items).toEqual([]);
  });

  it("filters by date range, pages newest first, and exports the same entries as CSV", async () => {
    const all = await logs(`customerId=${customerId}&limit=1000`);
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await logs(`customerId=${customerId}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.items.map((e) => e.id));
    expect(paged.map((e) => e.id)).toEqual([...paged.map((e) => e.id)].sort((a, b) => b - a));
    const middle = all.items[Math.floor(all.items.length / 2)]!;
    const until = await logs(`customerId=${customerId}&to=${encodeURIComponent(middle.at)}&limit=1000`);
    expect(until.items.every((e) => e.at <= middle.at)).toBe(true);
    expect(until.items.length).toBeLessThan(all.items.length + 1);
    const future = await logs(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.items).toEqual([]);

    const res = await call(`/api/v1/logs.csv?customerId=${customerId}`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="wxsync-logs_\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = parse(await res.text()) as string[][];
    expect(header).toContain("Webex tracking ID");
    expect(rows.map((r) => r[header!.indexOf("Message")])).toEqual(all.items.map((e) => e.message));
  });

  it("refuses bad filters naming the field", async () => {
    for (const [query, field] of [
      ["from=yesterday", "query.from"],
      ["level=fatal", "query.level"],
      ["customerId=42", "query.customerId"],
      ["limit=0", "query.limit"],
      ["cursor=%%%", "query.cursor"],
      ["sort=message", "query.sort"],
    ] as const) {
      const res = await call(`/api/v1/logs?${query}`, { headers: admin });
      expect(res.status, query).toBe(400);
      expect((await res.json<{ error: { message: string } }>()).error.message).toContain(field);
    }
  });

  it("shows a scoped key only its customers' entries", async () => {
    const other = await createKey("viewer", { scope: [crypto.randomUUID()] });
    const res = await call(`/api/v1/logs?limit=1000`, { headers: other.headers });
    expect((await res.json<Page>()).items).toEqual([]);
    expect((await call(`/api/v1/logs?customerId=${customerId}`, { headers: other.headers })).status).toBe(
      404,
    );
  });

  it("prunes entries older than LOG_RETENTION_DAYS on the cron tick", async () => {
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await writeLogs(services(), [{ level: "info", kind: "action", message: "ancient history", at: old }]);
    expect((await logs("q=ancient")).items).toHaveLength(1);
    await runCron();
    expect((await logs("q=ancient")).items).toHaveLength(0);
    expect((await logs(`customerId=${customerId}`)).items.length).toBeGreaterThan(0);
  });
});
