import { env } from "cloudflare:workers";
import { initialRunState } from "@wxsync/core/sync";
import { beforeAll, describe, expect, it } from "vitest";
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

let admin: Record<string, string>;
let org: SimOrg;
let customerId: string;
const post = (path: string, body?: unknown) =>
  call(path, {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const get = <T>(path: string) => call(path, { headers: admin }).then((r) => r.json<T>());
type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

async function dataSync(name: string) {
  const syncs = await get<{ items: { id: string; name: string }[] }>(
    `/api/v1/customers/${customerId}/data-syncs`,
  );
  return syncs.items.find((s) => s.name === name)!;
}

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  org = (await simOrgs()).find((o) => o.ref === "1")!;
  const customer = await createCustomer(admin, "Sync Co", org.uuid, { syncOnCreate: false });
  customerId = customer.id;
  expect((await connect(`/api/v1/customers/${customerId}/connect`, admin, org.uuid)).status).toBe(200);
});

describe("sync runs through the API", () => {
  it("runs SyncSpark<Name> for every model, one run at a time, and D1 then holds the tenant", async () => {
    const all = await dataSync("SyncSparkSyncCo");
    const started = await post(`/api/v1/customers/${customerId}/data-syncs/${all.id}/run`);
    expect(started.status).toBe(202);
    const { runId } = await started.json<{ runId: string }>();

    const second = await post(`/api/v1/customers/${customerId}/actions/sync-users`);
    if (second.status === 409) {
      expect((await second.json<{ error: { message: string } }>()).error.message).toContain(runId);
    } else {
      // The first run may already have finished on a fast machine; then the second one simply runs.
      expect(second.status).toBe(202);
      await waitForRun(customerId, (await second.json<{ runId: string }>()).runId, admin);
    }

    const run = await waitForRun(customerId, runId, admin, 60_000);
    expect(run.status).toBe("succeeded");
    expect(run.models).toHaveLength(30);

    const people = await simObjects("1", "people");
    const users: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await get<Page>(
        `/api/v1/customers/${customerId}/models/User?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      users.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(users.map((u) => u.id).sort()).toEqual(people.map((p) => p.id).sort());

    const someone = people[2]!;
    const byEmail = await get<Page>(
      `/api/v1/customers/${customerId}/models/User?email=${encodeURIComponent((someone.emails as string[])[0]!)}`,
    );
    expect(byEmail.items.map((u) => u.id)).toEqual([someone.id]);
    const one = await get<{ payload: Record<string, unknown> }>(
      `/api/v1/customers/${customerId}/models/User/${encodeURIComponent(String(someone.id))}`,
    );
    expect(one.payload.displayName).toBe(someone.displayName);

    const bad = await call(`/api/v1/customers/${customerId}/models/User?shoeSize=9`, { headers: admin });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { message: string } }>()).error.message).toContain(
      "query.shoeSize: User has no such column",
    );

    const inventory = await get<{
      counts: { total: number; byStatus: Record<string, number>; byUsage: Record<string, number> };
    }>(`/api/v1/customers/${customerId}/number-inventory?limit=1`);
    expect(inventory.counts.total).toBe((await simObjects("1", "numbers")).length);
    expect(inventory.counts.byStatus.Used).toBeGreaterThan(0);
    expect(inventory.counts.byUsage.User).toBeGreaterThan(0);
  });

  it("manages data syncs, model type lists and schedules, refusing bad input by field", async () => {
    const mtl = await post("/api/v1/model-type-lists", {
      name: "CallingOnly",
      include: ["User", "Number", "Location"],
      exclude: ["Location"],
    });
    expect(mtl.status).toBe(201);
    expect(await mtl.json()).toMatchObject({ models: ["User", "Number"] });
    const lists = await get<{ items: { name: string; builtIn: boolean }[] }>("/api/v1/model-type-lists");
    expect(lists.items.map((l) => l.name)).toEqual(["SparkDataAllMTL", "CallingOnly"]);

    const created = await post(`/api/v1/customers/${customerId}/data-syncs`, {
      name: "CallingSync",
      modelTypeList: "CallingOnly",
      quickImport: true,
    });
    expect(created.status).toBe(201);
    const sync = await created.json<{ id: string; models: string[]; quickImport: boolean }>();
    expect(sync).toMatchObject({ models: ["User", "Number"], quickImport: true });
    const badList = await post(`/api/v1/customers/${customerId}/data-syncs`, {
      name: "Broken",
      modelTypeList: "NoSuchList",
    });
    expect(badList.status).toBe(400);
    expect((await badList.json<{ error: { message: string } }>()).error.message).toContain(
      "body.modelTypeList",
    );
    const badModel = await post(`/api/v1/customers/${customerId}/data-syncs`, {
      name: "Broken",
      models: ["Users"],
    });
    expect((await badModel.json<{ error: { message: string } }>()).error.message).toContain("body.models.0");
    const patched = await call(`/api/v1/customers/${customerId}/data-syncs/${sync.id}`, {
      method: "PATCH",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ quickImport: false, allowRemove: false }),
    });
    expect(await patched.json()).toMatchObject({ quickImport: false, allowRemove: false });
    expect(
      (
        await call(`/api/v1/customers/${customerId}/data-syncs/${sync.id}`, {
          method: "DELETE",
          headers: admin,
        })
      ).status,
    ).toBe(204);

    const schedule = (await get<{ items: { id: string }[] }>(`/api/v1/customers/${customerId}/schedules`))
      .items[0]!;
    const patch = (body: unknown) =>
      call(`/api/v1/customers/${customerId}/schedules/${schedule.id}`, {
        method: "PATCH",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const cron = await patch({ cron: "30 2 * * *" });
    expect(await cron.json()).toMatchObject({
      cron: "30 2 * * *",
      intervalMinutes: null,
      nextRunAt: expect.stringMatching(/T02:30:00/),
    });
    const bad = await patch({ cron: "61 * * * *" });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { message: string } }>()).error.message).toContain("body.cron");
    expect(await (await patch({ intervalMinutes: 1440 })).json()).toMatchObject({
      intervalMinutes: 1440,
      cron: null,
    });
  });

  it("Sync Webex App Users reports exactly what changed, field by field", async () => {
    const people = await simObjects("1", "people");
    const [renamed, removed] = [people[5]!, people[6]!];
    await sim("PATCH", `/orgs/1/people/${encodeURIComponent(String(renamed.id))}`, {
      displayName: "Changed Name",
    });
    await sim("DELETE", `/orgs/1/people/${encodeURIComponent(String(removed.id))}`);
    const { runId } = await (await post(`/api/v1/customers/${customerId}/actions/sync-users`)).json<{
      runId: string;
    }>();
    const run = await waitForRun(customerId, runId, admin);
    expect(run.status).toBe("succeeded");
    expect(run.models.map((m) => m.model)).toEqual(["User"]);
    expect(run.totals).toMatchObject({ added: 0, updated: 1, removed: 1 });
    const changes = await get<{
      items: { itemId: string; kind: string; fields: { path: string; before: unknown; after: unknown }[] }[];
    }>(`/api/v1/customers/${customerId}/runs/${runId}/changes`);
    expect(changes.items.find((c) => c.kind === "updated")).toMatchObject({
      itemId: renamed.id,
      fields: [{ path: "displayName", before: renamed.displayName, after: "Changed Name" }],
    });
    expect(changes.items.find((c) => c.kind === "removed")?.itemId).toBe(removed.id);
  });

  it("holds back a large removal until approved", async () => {
    const people = await simObjects("1", "people");
    for (const person of people.slice(0, 52))
      await sim("DELETE", `/orgs/1/people/${encodeURIComponent(String(person.id))}`);
    const { runId } = await (await post(`/api/v1/customers/${customerId}/actions/sync-users`)).json<{
      runId: string;
    }>();
    const held = await waitForRun(customerId, runId, admin);
    expect(held.status).toBe("awaiting_approval");
    expect(held.models[0]).toMatchObject({ status: "awaiting_approval", pendingRemovals: 52, removed: 0 });
    expect((await get<Page>(`/api/v1/customers/${customerId}/models/User?limit=1000`)).items).toHaveLength(
      people.length,
    );

    expect((await post(`/api/v1/customers/${customerId}/runs/${runId}/approve-deletes`)).status).toBe(202);
    const done = await waitForRun(customerId, runId, admin);
    expect(done.status).toBe("succeeded");
    expect((await get<Page>(`/api/v1/customers/${customerId}/models/User?limit=1000`)).items).toHaveLength(
      people.length - 52,
    );
  });

  it("runs the daily schedule from the cron trigger", async () => {
    const before = await get<{ items: { id: string; trigger: string }[] }>(
      `/api/v1/customers/${customerId}/runs`,
    );
    await runCron(25 * 3600_000);
    const after = await get<{ items: { id: string; trigger: string }[] }>(
      `/api/v1/customers/${customerId}/runs`,
    );
    expect(after.items.length).toBe(before.items.length + 1);
    expect(after.items[0]!.trigger).toBe("schedule");
    expect((await waitForRun(customerId, after.items[0]!.id, admin, 60_000)).status).toBe("succeeded");
    const schedules = await get<{ items: { name: string; lastRunAt: string | null }[] }>(
      `/api/v1/customers/${customerId}/schedules`,
    );
    expect(schedules.items[0]).toMatchObject({
      name: "SyncSpark-SCHED-SyncCo",
      lastRunAt: expect.any(String),
    });
  });

  it("refuses a second run while one is active, naming the active run", async () => {
    const now = new Date().toISOString();
    const activeId = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO sync_runs (id, customer_id, data_sync_name, trigger, status, state, progress, requests, throttled, created_at, started_at, updated_at) VALUES (?, ?, 'SyncSparkSyncCo', 'manual', 'running', '{}', 10, 0, 0, ?, ?, ?)",
    )
      .bind(activeId, customerId, now, now, now)
      .run();
    const res = await post(`/api/v1/customers/${customerId}/actions/sync-users`);
    expect(res.status).toBe(409);
    expect((await res.json<{ error: { message: string } }>()).error.message).toContain(
      `run ${activeId} (SyncSparkSyncCo`,
    );
    await env.DB.prepare("UPDATE sync_runs SET status = 'failed' WHERE id = ?").bind(activeId).run();
  });

  it("deletes every synced row, run and change of a deleted customer, and nothing at Webex", async () => {
    const other = await createCustomer(
      admin,
      "Other Co",
      (await simOrgs()).find((o) => o.ref === "0")!.uuid,
      { syncOnCreate: false },
    );
    expect(
      (
        await connect(
          `/api/v1/customers/${other.id}/connect`,
          admin,
          (await simOrgs()).find((o) => o.ref === "0")!.uuid,
        )
      ).status,
    ).toBe(200);
    const { runId } = await (await post(`/api/v1/customers/${other.id}/actions/sync-users`)).json<{
      runId: string;
    }>();
    await waitForRun(other.id, runId, admin);
    const peopleAtWebex = (await simObjects("0", "people")).length;
    const count = async (sql: string) =>
      (await env.DB.prepare(sql).bind(other.id).first<{ n: number }>())?.n ?? 0;
    expect(await count("SELECT count(*) AS n FROM webex_user WHERE customer_id = ?")).toBe(peopleAtWebex);
    expect((await call(`/api/v1/customers/${other.id}`, { method: "DELETE", headers: admin })).status).toBe(
      204,
    );
    for (const table of ["webex_user", "sync_runs", "sync_changes", "data_syncs", "schedules"]) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`), table).toBe(0);
    }
    expect(await count("SELECT count(*) AS n FROM webex_grants WHERE owner_id = ?")).toBe(0);
    expect((await simObjects("0", "people")).length).toBe(peopleAtWebex);
    // The customer that stays keeps its data.
    expect((await get<Page>(`/api/v1/customers/${customerId}/models/User?limit=1`)).items).toHaveLength(1);
  });

  it("resumes a run whose Workflow stopped, from its checkpoint", async () => {
    const users = await dataSync("SyncSparkUsersSyncCo");
    const state = JSON.stringify(
      initialRunState(["User"], {
        quickImport: false,
        refreshExisting: true,
        allowAdd: true,
        allowUpdate: true,
        allowRemove: true,
      }),
    );
    const stale = new Date(Date.now() - 3600_000).toISOString();
    const runId = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO sync_runs (id, customer_id, data_sync_id, data_sync_name, trigger, status, state, progress, requests, throttled, created_at, started_at, updated_at) VALUES (?, ?, ?, ?, 'manual', 'running', ?, 0, 0, 0, ?, ?, ?)",
    )
      .bind(runId, customerId, users.id, users.name, state, stale, stale, stale)
      .run();
    await runCron();
    const run = await waitForRun(customerId, runId, admin);
    expect(run.status).toBe("succeeded");
  });
});
