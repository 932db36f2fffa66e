/**
 * `npm run bench -- sync [--users 10000]`: the real worker under `wrangler dev` syncing from the simulator with
 * 30 ms latency and Webex-like rate limits, reporting request and time efficiency against the minimum the
 * tenant needs. Scenario (a): Quick Import of a large customer at 20 requests/s. Scenario (b): a full sync
 * (Refresh Existing, UserConfig) of a 1,000-user customer at 50 requests/s, then again unchanged, then
 * interrupted at a random point and resumed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SPARK_DATA_ALL_MODELS } from "@wxsync/core/models";
import { ensureLocalApiKey } from "../lib/local-api-key.ts";
import { type Stack, startStack } from "../lib/local-stack.ts";
import { freePort } from "../lib/ports.ts";
import { minimumRequests } from "./minimum.ts";

const { values } = parseArgs({
  // --scenario a|b|all picks what to run; --users sizes (a), --full-users sizes (b).
  options: {
    users: { type: "string", default: "10000" },
    "full-users": { type: "string", default: "1000" },
    scenario: { type: "string", default: "all" },
  },
});

type Run = {
  id: string;
  status: string;
  requests: number;
  throttled: number;
  durationMs: number;
  progress: number;
  totals: { added: number; updated: number; removed: number };
};

async function bench(name: string, users: number, rate: number, body: (ctx: Ctx) => Promise<void>) {
  const persistTo = mkdtempSync(join(tmpdir(), "wxsync-bench-"));
  let apiKey = "";
  const stack = await startStack({
    workerPort: await freePort(),
    simPort: await freePort(),
    persistTo,
    logDir: persistTo,
    simArgs: [
      "--users",
      String(users),
      "--latency",
      "30",
      "--jitter",
      "10",
      "--rate-limit",
      `${rate}/${rate * 2}`,
    ],
    prepare: async () => {
      apiKey = (await ensureLocalApiKey(persistTo)).key;
    },
  });
  try {
    console.log(`\n## ${name} (${users} users, ${rate} requests/s per token, 30 ± 10 ms latency)`);
    await body(await context(stack, apiKey));
  } finally {
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

type Ctx = Awaited<ReturnType<typeof context>>;

async function context(stack: Stack, apiKey: string) {
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.workerUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        accept: "application/json",
        "content-type": "application/json",
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const orgs = (
    (await (await fetch(`${stack.simUrl}/_sim/orgs`)).json()) as { items: { ref: string; uuid: string }[] }
  ).items;
  const org = orgs.find((o) => o.ref === "0")!;
  const customer = await api<{ id: string }>("POST", "/api/v1/customers", {
    name: "Bench",
    organizationId: org.uuid,
    syncOnCreate: false,
  });
  const { authorizeUrl } = await api<{ authorizeUrl: string }>(
    "GET",
    `/api/v1/customers/${customer.id}/connect`,
  );
  const consent = await fetch(`${authorizeUrl}&sim_auto_consent=${org.uuid}`, { redirect: "manual" });
  const page = await fetch(consent.headers.get("location")!);
  if (!page.ok) throw new Error(`connect failed: ${page.status}`);
  const objects = async (model: string) =>
    (
      (await (await fetch(`${stack.simUrl}/_sim/orgs/0/${model}`)).json()) as {
        items: Record<string, unknown>[];
      }
    ).items;
  const wait = async (runId: string, until?: (run: Run) => boolean): Promise<Run> => {
    for (;;) {
      const run = await api<Run>("GET", `/api/v1/customers/${customer.id}/runs/${runId}`);
      if ((run.status !== "queued" && run.status !== "running") || until?.(run)) return run;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const syncWith = async (options: Record<string, boolean>) =>
    api<{ id: string }>("POST", `/api/v1/customers/${customer.id}/data-syncs`, {
      name: `bench-${Date.now()}`,
      ...options,
    });
  const run = async (dataSyncId: string) =>
    (
      await api<{ runId: string }>(
        "POST",
        `/api/v1/customers/${customer.id}/data-syncs/${dataSyncId}/run`,
        {},
      )
    ).runId;
  /** Requests as Webex (the simulator) counted them: includes work a killed worker never got to report. */
  const webexCounts = async () => {
    const stats = (await (await fetch(`${stack.simUrl}/_sim/stats`)).json()) as {
      requests: { total: number; rateLimited: number };
    };
    return { total: stats.requests.total, throttled: stats.requests.rateLimited };
  };
  return { stack, api, customer, objects, wait, syncWith, run, webexCounts };
}

type Counts = { total: number; throttled: number };

/** Prints one run's figures; `before`/`after` are the simulator's request counters around the run. */
function report(label: string, run: Run, minimum: number, rate: number, before: Counts, after: Counts) {
  const ideal = minimum / rate;
  const seconds = run.durationMs / 1000;
  const written = run.totals.added + run.totals.updated + run.totals.removed;
  const requests = after.total - before.total;
  const throttled = after.throttled - before.throttled;
  const answered = requests - throttled;
  console.log(
    `${label}: ${run.status} · ${requests} requests at Webex, ${throttled} of them answered 429 · ` +
      `all ÷ minimum ${minimum} = ${(requests / minimum).toFixed(3)}, answered ÷ minimum = ${(answered / minimum).toFixed(3)} · ` +
      `${seconds.toFixed(1)} s ÷ ideal ${ideal.toFixed(1)} s = ${(seconds / ideal).toFixed(3)} · rows written ${written}`,
  );
}

const quickUsers = Number(values.users);
/** Runs the data sync once and reports it. */
async function measured(ctx: Ctx, label: string, dataSyncId: string, minimum: number, rate: number) {
  const before = await ctx.webexCounts();
  const result = await ctx.wait(await ctx.run(dataSyncId));
  report(label, result, minimum, rate, before, await ctx.webexCounts());
}

if (values.scenario !== "b")
  await bench("(a) Quick Import", quickUsers, 20, async (ctx) => {
    const sync = await ctx.syncWith({ quickImport: true, refreshExisting: false });
    const minimum = await minimumRequests(SPARK_DATA_ALL_MODELS, ctx.objects, { details: false });
    await measured(ctx, "first run ", sync.id, minimum, 20);
    await measured(ctx, "unchanged ", sync.id, minimum, 20);
  });

if (values.scenario !== "a")
  await bench(
    "(b) full sync with Refresh Existing and UserConfig",
    Number(values["full-users"]),
    50,
    async (ctx) => {
      const { syncWith, run, wait, objects, stack, customer, api } = ctx;
      const sync = await syncWith({ quickImport: false, refreshExisting: true });
      const minimum = await minimumRequests(SPARK_DATA_ALL_MODELS, objects, { details: true });
      await measured(ctx, "first run ", sync.id, minimum, 50);
      await measured(ctx, "unchanged ", sync.id, minimum, 50);

      // Interrupted: stop the worker at a random point, start it again, let the cron find the run and resume it.
      const before = await ctx.webexCounts();
      const runId = await run(sync.id);
      const stopAt = 20 + Math.floor(Math.random() * 60);
      await wait(runId, (r) => r.progress >= stopAt);
      // Progress moves at checkpoints; a random delay puts the kill anywhere inside the chunk that follows.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 8000));
      const worker = stack.services.find((s) => s.name === "worker")!;
      console.log(`interrupting at ${stopAt} % (run ${runId})`);
      await stack.restart(worker);
      // Fire the cron (as Cron Triggers would) until it sees the run silent past the stale limit and resumes it.
      const killedAt = Date.now();
      const cron = setInterval(() => {
        fetch(`${stack.workerUrl}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`).catch(() => {});
      }, 15_000);
      const atKill = await api<Run>("GET", `/api/v1/customers/${customer.id}/runs/${runId}`);
      await wait(runId, (r) => r.requests > atKill.requests);
      const stalledS = Math.round((Date.now() - killedAt) / 1000);
      const resumed = await wait(runId);
      clearInterval(cron);
      console.log(
        `the run stood still about ${stalledS} s until the cron found it stale and resumed it (included in its wall time)`,
      );
      report("resumed   ", resumed, minimum, 50, before, await ctx.webexCounts());
      for (const [model, simModel] of [
        ["User", "people"],
        ["Device", "devices"],
        ["Number", "numbers"],
        ["Location", "locations"],
      ] as const) {
        let count = 0;
        let cursor: string | null = null;
        do {
          const page: { items: unknown[]; nextCursor: string | null } = await api(
            "GET",
            `/api/v1/customers/${customer.id}/models/${model}?limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
          );
          count += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        const expected = (await objects(simModel)).length;
        console.log(
          `after resume, ${model}: ${count} in D1, ${expected} at Webex ${count === expected ? "(identical)" : "(DIFFERENT)"}`,
        );
      }
    },
  );
