/**
 * @module sync/runs
 * Starting a run (one active per customer, enforced by a unique index) and advancing it one chunk at a time.
 * The durable runner (the Workflow) only calls `advanceRun` until it reports the run stopped.
 */
import { isModelName, type ModelName, resolveModelTypeList, SPARK_DATA_ALL_MTL } from "@wxsync/core/models";
import { initialRunState, overallProgress, type RunState, runChunk } from "@wxsync/core/sync";
import { and, eq, inArray } from "drizzle-orm";
import { type CustomerRow, customers } from "../customers/schema.ts";
import { type DataSyncRow, modelTypeLists } from "../data-syncs/schema.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import type { LogEntry } from "../logs/schema.ts";
import { writeLog, writeLogs } from "../logs/write.ts";
import { startTransaction } from "../transactions/recorder.ts";
import { transactions } from "../transactions/schema.ts";
import { createD1Store } from "./d1-store.ts";
import { type RUN_TRIGGERS, syncRuns, syncSeen } from "./schema.ts";
import { webexAccessFor } from "./webex-access.ts";

/** Webex requests per chunk: with D1 statements this stays under a Workflow step's 1,000 subrequests. */
export const CHUNK_BUDGET = 400;
const HEARTBEAT_MS = 30_000;

export async function modelsOf(
  services: Services,
  dataSync: Pick<DataSyncRow, "modelTypeList" | "models">,
): Promise<ModelName[]> {
  if (dataSync.models && dataSync.models.length > 0)
    return resolveModelTypeList({ include: dataSync.models.filter(isModelName), exclude: [] });
  if (dataSync.modelTypeList === SPARK_DATA_ALL_MTL)
    return resolveModelTypeList({ include: [], exclude: [] });
  const list = await services.db
    .select()
    .from(modelTypeLists)
    .where(eq(modelTypeLists.name, dataSync.modelTypeList))
    .get();
  if (!list)
    throw new ApiError(
      "CONFLICT",
      `The data sync uses the model type list ${dataSync.modelTypeList}, which no longer exists.`,
    );
  return resolveModelTypeList({
    include: list.include.filter(isModelName),
    exclude: list.exclude.filter(isModelName),
  });
}

export async function activeRun(services: Services, customerId: string) {
  return services.db
    .select({
      id: syncRuns.id,
      dataSyncName: syncRuns.dataSyncName,
      startedAt: syncRuns.startedAt,
      createdAt: syncRuns.createdAt,
    })
    .from(syncRuns)
    .where(and(eq(syncRuns.customerId, customerId), inArray(syncRuns.status, ["queued", "running"])))
    .get();
}

export type StartRunInput = {
  customer: CustomerRow;
  dataSync: Pick<
    DataSyncRow,
    | "id"
    | "name"
    | "modelTypeList"
    | "models"
    | "quickImport"
    | "refreshExisting"
    | "allowAdd"
    | "allowUpdate"
    | "allowRemove"
  >;
  trigger: (typeof RUN_TRIGGERS)[number];
  /** Narrows the data sync to these models (e.g. roles and licences after connecting). */
  only?: ModelName[];
};

/** Creates the run and hands it to the Workflow; answers 409 naming the active run when one exists. */
export async function startRun(services: Services, input: StartRunInput): Promise<{ runId: string }> {
  const { customer, dataSync } = input;
  const access = await webexAccessFor(services, customer);
  if (!access.ok) throw new ApiError("CONFLICT", access.message);
  const all = await modelsOf(services, dataSync);
  const models = input.only ? all.filter((m) => input.only!.includes(m)) : all;
  const state = initialRunState(models, {
    quickImport: dataSync.quickImport,
    refreshExisting: dataSync.refreshExisting,
    allowAdd: dataSync.allowAdd,
    allowUpdate: dataSync.allowUpdate,
    allowRemove: dataSync.allowRemove,
  });
  const id = crypto.randomUUID();
  const stamp = services.now().toISOString();
  try {
    await services.db.insert(syncRuns).values({
      id,
      customerId: customer.id,
      dataSyncId: dataSync.id,
      dataSyncName: dataSync.name,
      trigger: input.trigger,
      status: "queued",
      state: JSON.stringify(state),
      progress: 0,
      requests: 0,
      throttled: 0,
      createdAt: stamp,
      updatedAt: stamp,
    });
  } catch (error) {
    const active = await activeRun(services, customer.id);
    if (active) {
      throw new ApiError(
        "CONFLICT",
        `A sync of ${customer.name} is already running: run ${active.id} (${active.dataSyncName ?? "sync"}, started ${active.startedAt ?? active.createdAt}). Wait for it to finish.`,
      );
    }
    throw error;
  }
  const tx = await startTransaction(services, {
    type: "sync",
    description: `Data sync ${dataSync.name}${input.only ? ` (${models.join(", ")})` : ""}`,
    customerId: customer.id,
  });
  await services.db.update(syncRuns).set({ transactionId: tx.id }).where(eq(syncRuns.id, id)).run();
  await services.env.SYNC_WORKFLOW.create({ id, params: { runId: id } });
  return { runId: id };
}

function summarize(state: RunState): string {
  const totals = state.progress.reduce(
    (t, p) => ({ added: t.added + p.added, updated: t.updated + p.updated, removed: t.removed + p.removed }),
    { added: 0, updated: 0, removed: 0 },
  );
  const failed = state.progress.filter((p) => p.status === "failed").map((p) => p.model);
  const waiting = state.progress
    .filter((p) => p.status === "awaiting_approval")
    .map((p) => `${p.model} (${p.pendingRemovals})`);
  return [
    `${totals.added} added, ${totals.updated} updated, ${totals.removed} removed across ${state.models.length} models; ${state.requests} Webex requests.`,
    failed.length ? `Failed (nothing removed): ${failed.join(", ")}.` : "",
    waiting.length ? `Removals waiting for approval: ${waiting.join(", ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** One log entry per error a chunk added: Webex's status, code and tracking id kept for support. */
function newErrorLogs(
  before: RunState,
  after: RunState,
  ids: { customerId: string; runId: string },
): LogEntry[] {
  return after.progress.flatMap((p) => {
    const seen = before.progress.find((b) => b.model === p.model)?.errors.length ?? 0;
    return p.errors.slice(seen).map((e) => ({
      level: p.status === "failed" ? ("error" as const) : ("warn" as const),
      kind: e.status !== undefined ? ("webex_error" as const) : ("sync" as const),
      message: `${p.model}: ${e.message}`,
      model: p.model,
      webexStatus: e.status ?? null,
      webexErrorCode: e.code ?? null,
      webexTrackingId: e.trackingId ?? null,
      ...ids,
    }));
  });
}

/** Does one chunk of the run and stores the checkpoint. Returns the run's status afterwards. */
export async function advanceRun(services: Services, runId: string): Promise<string> {
  const run = await services.db.select().from(syncRuns).where(eq(syncRuns.id, runId)).get();
  if (!run || (run.status !== "queued" && run.status !== "running")) return run?.status ?? "missing";
  const customer = await services.db.select().from(customers).where(eq(customers.id, run.customerId)).get();
  const access = customer ? await webexAccessFor(services, customer) : null;
  const stamp = () => services.now().toISOString();
  if (!customer || !access?.ok) {
    const error = !customer
      ? "The customer was deleted."
      : access?.ok === false && access.kind === "not_managed"
        ? `${access.message} The run stopped; nothing was removed.`
        : `${customer.name} lost its Webex authorization during the run; nothing was removed.`;
    await services.db
      .update(syncRuns)
      .set({ status: "failed", error, endedAt: stamp(), updatedAt: stamp() })
      .where(eq(syncRuns.id, runId))
      .run();
    if (run.transactionId)
      await services.db
        .update(transactions)
        .set({ status: "failed", message: error, endedAt: stamp() })
        .where(eq(transactions.id, run.transactionId))
        .run();
    await writeLog(services, {
      level: "error",
      kind: "sync",
      message: error,
      customerId: customer?.id ?? null,
      runId,
      transactionId: run.transactionId,
    });
    return "failed";
  }
  if (!run.startedAt) {
    run.startedAt = stamp();
    await services.db
      .update(syncRuns)
      .set({ status: "running", startedAt: run.startedAt, updatedAt: run.startedAt })
      .where(eq(syncRuns.id, runId))
      .run();
  }
  // A heartbeat while the chunk runs, so a long chunk is not mistaken for a lost one.
  const heartbeat = setInterval(() => {
    services.db
      .update(syncRuns)
      .set({ updatedAt: stamp() })
      .where(eq(syncRuns.id, runId))
      .run()
      .catch(() => {});
  }, HEARTBEAT_MS);
  const state = await runChunk(JSON.parse(run.state) as RunState, {
    webex: {
      baseUrl: services.env.WEBEX_API_BASE,
      token: access.token,
      orgId: access.orgId,
      fetch: services.webexFetch,
      sleep: services.sleep,
    },
    store: createD1Store(services.db, { customerId: customer.id, runId }, services.now),
    orgId: customer.orgId,
    budget: CHUNK_BUDGET,
  }).finally(() => clearInterval(heartbeat));
  const ended = state.status !== "running";
  const status = state.status === "running" ? "running" : state.status;
  const entries = newErrorLogs(JSON.parse(run.state) as RunState, state, { customerId: customer.id, runId });
  const progress = overallProgress(state);
  const saved = await services.db
    .update(syncRuns)
    .set({
      checkpoint: run.checkpoint + 1,
      status,
      state: JSON.stringify(state),
      progress,
      requests: state.requests,
      throttled: state.throttled,
      startedAt: run.startedAt ?? stamp(),
      endedAt: ended ? stamp() : null,
      updatedAt: stamp(),
    })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.checkpoint, run.checkpoint)))
    .returning({ id: syncRuns.id });
  // Another runner saved first (a resumed run racing a slow one): its checkpoint stands, this one steps aside.
  if (saved.length === 0) return "superseded";
  if (run.transactionId) {
    const txStatus = !ended ? "running" : status === "failed" ? "failed" : "succeeded";
    await services.db
      .update(transactions)
      .set({ status: txStatus, progress, message: summarize(state), endedAt: ended ? stamp() : null })
      .where(eq(transactions.id, run.transactionId))
      .run();
  }
  if (ended)
    entries.push({
      level: status === "failed" ? "error" : status === "succeeded" ? "info" : "warn",
      kind: "sync",
      message: `Sync of ${customer.name} ${status.replaceAll("_", " ")}: ${summarize(state)}`,
      customerId: customer.id,
      runId,
      transactionId: run.transactionId,
    });
  await writeLogs(services, entries);
  // What the run saw is only needed until it stops (an approval re-lists nothing: it reuses these marks).
  if (ended && status !== "awaiting_approval")
    await services.db.delete(syncSeen).where(eq(syncSeen.runId, runId)).run();
  return status;
}
