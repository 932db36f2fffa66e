import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runCron } from "../../test/cron.ts";
import { call, createKey } from "../../test/helpers.ts";
import { connect, sim, simOrgs } from "../../test/sim.ts";

type SimEnterprise = { id: string; spEnterpriseId: string; cluster: string; enableDirSync: boolean };
type LogEntry = { enterpriseId: string; cluster: string; at: number; endsAt?: number; refused?: number };
type Enterprise = {
  id: string;
  spEnterpriseId: string;
  enabled: boolean;
  enabledAt: string | null;
  cluster: string | null;
  syncStatus: string | null;
  lastSync: Record<string, unknown> | null;
  errors: { code: number; known: boolean; meaning: string; action: string }[];
  schedule: { nextExpectedSyncAt: string | null; retryAt: string | null; overdue: boolean };
};
type Job = {
  id: string;
  status: string;
  progress: { total: number; done: number; failed: number };
  items: {
    enterpriseId: string;
    state: string;
    refusals: number;
    errors: { code: number }[];
    trackingId: string | null;
  }[];
};

let admin: Record<string, string>;
let partnerId: string;
let enterprises: SimEnterprise[];
const bw = (path: string) => `/api/v1/partners/${partnerId}/broadworks${path}`;
const send = (method: string, path: string, body?: unknown, headers = admin) =>
  call(path, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async <T>(res: Response, status = 200): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json<T>();
};
const simEnterprises = async () => (await sim<{ items: SimEnterprise[] }>("GET", "/broadworks")).items;
const simLog = async () => (await sim<{ items: LogEntry[] }>("GET", "/broadworks/log")).items;
const byCluster = (cluster: string) => enterprises.filter((e) => e.cluster === cluster);

async function waitForJob(jobId: string, timeout = 90_000): Promise<Job> {
  return vi.waitFor(
    async () => {
      const job = await json<Job>(await call(bw(`/jobs/${jobId}`), { headers: admin }));
      if (job.status === "running") throw new Error(`job still running: ${JSON.stringify(job.progress)}`);
      return job;
    },
    { timeout, interval: 250 },
  );
}

/** Each cluster ran at most one on-demand sync at any moment. */
function expectOnePerCluster(log: LogEntry[]) {
  const started = log.filter((l) => l.refused === undefined);
  for (const a of started)
    for (const b of started)
      if (a !== b && a.cluster === b.cluster)
        expect(a.endsAt! <= b.at || b.endsAt! <= a.at, `${a.enterpriseId} / ${b.enterpriseId}`).toBe(true);
}

beforeAll(async () => {
  await sim("POST", "/reset");
  await sim("POST", "/broadworks", { count: 17 });
  admin = (await createKey("admin")).headers;
  const partnerOrg = (await simOrgs()).find((o) => o.ref === "partner")!;
  partnerId = (
    await json<{ id: string }>(
      await send("POST", "/api/v1/partners", { name: "BW Partner", organizationId: partnerOrg.uuid }),
      201,
    )
  ).id;
  expect((await connect(`/api/v1/partners/${partnerId}/connect`, admin, partnerOrg.uuid)).status).toBe(200);
  enterprises = await simEnterprises();
  expect(await json<{ enterprises: number }>(await send("POST", bw("/refresh")))).toEqual({
    enterprises: 20,
  });
});

describe("BroadWorks directory sync", () => {
  it("lists the partner's enterprises, filtered and paged", async () => {
    const page = await json<{ items: Enterprise[]; nextCursor: string }>(
      await call(bw("/enterprises?limit=15"), { headers: admin }),
    );
    expect(page.items).toHaveLength(15);
    const rest = await json<{ items: Enterprise[]; nextCursor: null }>(
      await call(bw(`/enterprises?limit=15&cursor=${page.nextCursor}`), { headers: admin }),
    );
    expect([...page.items, ...rest.items].map((e) => e.id).sort()).toEqual(
      enterprises.map((e) => e.id).sort(),
    );
    const extra = await json<{ items: Enterprise[] }>(
      await call(bw("/enterprises?q=extra&limit=100"), { headers: admin }),
    );
    expect(extra.items).toHaveLength(17);
  });

  it("enables 20 enterprises in one request with a result each, and refuses an unknown one before sending anything", async () => {
    const ids = enterprises.map((e) => e.id);
    const bad = await send("POST", bw("/directory-sync"), {
      enterpriseIds: [...ids.slice(0, 3), "nope"],
      enabled: true,
    });
    expect(bad.status).toBe(404);
    expect((await simEnterprises()).filter((e) => e.enableDirSync)).toHaveLength(0);

    const { results } = await json<{ results: { enterpriseId: string; ok: boolean; enabled: boolean }[] }>(
      await send("POST", bw("/directory-sync"), { enterpriseIds: ids, enabled: true }),
    );
    expect(results).toHaveLength(20);
    expect(results.every((r) => r.ok && r.enabled)).toBe(true);
    expect((await simEnterprises()).every((e) => e.enableDirSync)).toBe(true);
    const one = await json<Enterprise>(await call(bw(`/enterprises/${ids[0]}`), { headers: admin }));
    expect(one.enabled).toBe(true);
    // The first weekly sync is due a week after enabling.
    expect(Date.parse(one.schedule.nextExpectedSyncAt!) - Date.parse(one.enabledAt!)).toBe(7 * 86_400_000);
  });

  it("runs Sync now once per cluster: a second on the same cluster is refused naming the running one", async () => {
    const [first, second, third] = byCluster("BWKS-CLUSTER-EAST");
    await json(await send("POST", bw(`/enterprises/${first!.id}/sync-now`)), 202);
    // Cluster not yet known to wxsync: Webex refuses (429), wxsync says who is running and when to retry.
    const refused = await send("POST", bw(`/enterprises/${second!.id}/sync-now`));
    expect(refused.status).toBe(409);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await refused.json<{ error: { message: string } }>()).error.message).toContain(
      first!.spEnterpriseId,
    );
    // Once the cluster is known, wxsync does not even send the second one.
    for (const e of [first, second, third])
      await json(await send("PATCH", bw(`/enterprises/${e!.id}`), { cluster: "BWKS-CLUSTER-EAST" }));
    const before = (await simLog()).length;
    const notSent = await send("POST", bw(`/enterprises/${third!.id}/sync-now`));
    expect(notSent.status).toBe(409);
    expect((await notSent.json<{ error: { message: string } }>()).error.message).toMatch(
      /^Not sent: .*BWKS-CLUSTER-EAST/,
    );
    expect((await simLog()).length).toBe(before);
  });

  it("syncs all selected enterprises across two clusters, one at a time per cluster, surviving a restart", async () => {
    // Let the Sync now of the previous test end first.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    for (const e of enterprises)
      await json(await send("PATCH", bw(`/enterprises/${e.id}`), { cluster: e.cluster }));
    const selected = [
      ...byCluster("BWKS-CLUSTER-EAST").slice(0, 4),
      ...byCluster("BWKS-CLUSTER-WEST").slice(0, 4),
    ];
    const since = Date.now();
    // The first runner crashes at its fifth tick (every retry fails too), as a lost isolate would.
    const introspector = await introspectWorkflow(env.BW_JOB_WORKFLOW);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "tick 4" }, new Error("runner lost"), 4);
    });
    const job = await json<Job>(
      await send("POST", bw("/jobs"), { enterpriseIds: selected.map((e) => e.id), pollSeconds: 1 }),
      202,
    );
    expect(job.progress.total).toBe(8);
    const [crashed] = await introspector.get();
    await crashed!.waitForStatus("errored");
    await introspector.dispose();
    const halfway = await json<Job>(await call(bw(`/jobs/${job.id}`), { headers: admin }));
    expect(halfway.status).toBe("running");
    expect(halfway.progress.done).toBeLessThan(8);
    // The cron notices the job has not moved for 3 minutes and starts a new runner, which carries on.
    await runCron(4 * 60_000);
    const done = await waitForJob(job.id);
    expect(done.status).toBe("succeeded");
    expect(done.items.every((i) => i.state === "done" && i.trackingId)).toBe(true);
    const log = (await simLog()).filter((l) => l.at >= since);
    // Every enterprise synced exactly once, never two on one cluster at once, and no Sync now was refused.
    expect(
      log
        .filter((l) => !l.refused)
        .map((l) => l.enterpriseId)
        .sort(),
    ).toEqual(selected.map((e) => e.id).sort());
    expect(log.filter((l) => l.refused)).toEqual([]);
    expectOnePerCluster(log);
    // Both clusters worked side by side.
    const east = log.filter((l) => l.cluster === "BWKS-CLUSTER-EAST");
    const west = log.filter((l) => l.cluster === "BWKS-CLUSTER-WEST");
    expect(east.some((a) => west.some((b) => a.at < b.endsAt! && b.at < a.endsAt!))).toBe(true);
  });

  it("reports a failed sync with its code explained, the 24-hour retry, and keeps every status in the history", async () => {
    const target = byCluster("BWKS-CLUSTER-WEST")[5]!;
    await sim("POST", `/broadworks/${target.id}/next-sync`, { failCode: 600014, durationMs: 300 });
    const job = await json<Job>(
      await send("POST", bw("/jobs"), { enterpriseIds: [target.id], pollSeconds: 1 }),
      202,
    );
    const done = await waitForJob(job.id);
    expect(done.status).toBe("completed_with_errors");
    expect(done.items[0]!.errors.map((e) => e.code)).toEqual([600014]);
    const detail = await json<Enterprise & { history: { syncStatus: string }[] }>(
      await call(bw(`/enterprises/${target.id}`), { headers: admin }),
    );
    expect(detail.errors[0]).toMatchObject({ code: 600014, known: true });
    expect(detail.errors[0]!.action.length).toBeGreaterThan(10);
    const end = Date.parse(String(detail.lastSync!.lastSyncEndTime));
    expect(Date.parse(detail.schedule.retryAt!)).toBe(end + 86_400_000);
    expect(detail.history.map((h) => h.syncStatus)).toEqual(
      expect.arrayContaining(["IN_PROGRESS", "FAILED"]),
    );
  });

  it("syncs one BroadWorks user and says what Webex did with it", async () => {
    const e = byCluster("BWKS-CLUSTER-EAST")[0]!;
    const user = (
      await sim<{ items: (SimEnterprise & { users: { userId: string }[] })[] }>("GET", "/broadworks")
    ).items.find((x) => x.id === e.id)!.users[0]!;
    const result = await json<{ status: string; user: { userId: string } }>(
      await send("POST", bw(`/enterprises/${e.id}/external-user`), { userId: user.userId }),
    );
    expect(result.status).toBe("NO_OPERATION");
    expect(result.user.userId).toBe(user.userId);
    const unknown = await send("POST", bw(`/enterprises/${e.id}/external-user`), {
      userId: "nobody@nowhere.example",
    });
    expect(unknown.status).toBe(409);
    expect((await unknown.json<{ error: { message: string } }>()).error.message).toContain("600024");
  });

  it("exports the last sync of the selected enterprises as CSV, matching the API", async () => {
    const chosen = enterprises.slice(0, 5).map((e) => e.id);
    const res = await call(bw(`/last-sync.csv?enterpriseIds=${chosen.join(",")}`), { headers: admin });
    expect(res.status).toBe(200);
    const [header, ...rows] = parse(await res.text()) as string[][];
    expect(rows).toHaveLength(5);
    for (const id of chosen) {
      const e = await json<Enterprise>(await call(bw(`/enterprises/${id}`), { headers: admin }));
      const row = rows.find((r) => r[header!.indexOf("Enterprise ID")] === id)!;
      const cell = (name: string) => row[header!.indexOf(name)];
      expect(cell("Sync status")).toBe(e.syncStatus ?? "");
      expect(cell("Tracking ID")).toBe(String(e.lastSync?.lastSyncTrackingId ?? ""));
      expect(cell("Users added")).toBe(String(e.lastSync?.usersAdded ?? ""));
      expect(cell("Next weekly sync")).toBe(e.schedule.nextExpectedSyncAt ?? "");
      expect(cell("Error codes")).toBe(e.errors.map((x) => x.code).join("; "));
    }
    const bad = await call(bw("/last-sync.csv?enterpriseIds=nope"), { headers: admin });
    expect(bad.status).toBe(404);
  });

  it("pulls only the enterprises Webex's filter names, and the cron pulls new ones by itself", async () => {
    const filtered = await json<{ enterprises: number }>(
      await send("POST", bw("/refresh?startsWith=Reseller1%2Bextra1")),
    );
    // extra1, extra10 … extra19 among the added ones (numbered from 3).
    expect(filtered.enterprises).toBe(
      enterprises.filter((e) => e.spEnterpriseId.startsWith("Reseller1+extra1")).length,
    );
    expect(
      (await json<{ items: unknown[] }>(await call(bw("/enterprises?limit=100"), { headers: admin }))).items,
    ).toHaveLength(20);
    const [added] = (await sim<{ items: { id: string }[] }>("POST", "/broadworks", { count: 1 })).items;
    await runCron(40 * 60_000);
    const listed = await json<{ items: { id: string }[] }>(
      await call(bw("/enterprises?limit=100"), { headers: admin }),
    );
    expect(listed.items.map((e) => e.id)).toContain(added!.id);
  });

  it("refuses another partner's enterprise and keys scoped to customers", async () => {
    const other = await json<{ id: string }>(
      await send("POST", "/api/v1/partners", { name: "Other Partner", organizationId: crypto.randomUUID() }),
      201,
    );
    const foreign = await call(`/api/v1/partners/${other.id}/broadworks/enterprises/${enterprises[0]!.id}`, {
      headers: admin,
    });
    expect(foreign.status).toBe(404);
    const scoped = await createKey("operator", { scope: [crypto.randomUUID()] });
    for (const [method, path] of [
      ["GET", bw("/enterprises")],
      ["POST", bw(`/enterprises/${enterprises[0]!.id}/sync-now`)],
      ["POST", bw("/jobs")],
    ] as const)
      expect(
        (
          await send(
            method,
            path,
            method === "POST" ? { enterpriseIds: [enterprises[0]!.id] } : undefined,
            scoped.headers,
          )
        ).status,
      ).toBe(404);
    const viewer = await createKey("viewer");
    expect(
      (await send("POST", bw(`/enterprises/${enterprises[0]!.id}/sync-now`), undefined, viewer.headers))
        .status,
    ).toBe(403);
  });
});
