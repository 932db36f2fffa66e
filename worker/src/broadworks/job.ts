/**
 * @module broadworks/job
 * "Sync all selected", run the way Webex requires: Sync now one enterprise, poll its status until it completes
 * or fails, then the next — one at a time per BroadWorks cluster, clusters side by side. The whole state lives
 * in D1 with a checkpoint, so each tick can run in a new isolate and a resumed job repeats nothing.
 */
import { explainBroadworksError, getDirectorySync, syncNow } from "@wxsync/core/broadworks";
import { WebexApiError } from "@wxsync/core/webex";
import { and, eq } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import { writeLog } from "../logs/write.ts";
import { partners } from "../partners/schema.ts";
import { partnerClient } from "./access.ts";
import { type BwEnterpriseRow, bwEnterprises, bwJobs } from "./schema.ts";
import { saveSync } from "./store.ts";
import { explainErrors } from "./view.ts";

export type JobItem = {
  enterpriseId: string;
  spEnterpriseId: string;
  cluster: string | null;
  state: "pending" | "running" | "done" | "failed";
  triggeredAt?: string;
  endedAt?: string;
  /** Not triggered before this time: its cluster was busy. */
  notBefore?: string;
  refusals: number;
  syncStatus?: string;
  trackingId?: string;
  errors?: ReturnType<typeof explainErrors>;
  message?: string;
};
export type JobState = { items: JobItem[]; pollSeconds: number; ticks: number };

/** A sync that has not finished after this long is reported failed; Webex syncs take minutes, not hours. */
const GIVE_UP_MS = 12 * 3600_000;
const UNKNOWN_LANE = "(cluster not known)";
const BUSY_CODES = new Set(["600005", "600009"]);

const laneOf = (item: JobItem) => item.cluster ?? UNKNOWN_LANE;

export function newJobState(rows: BwEnterpriseRow[], pollSeconds: number): JobState {
  return {
    pollSeconds,
    ticks: 0,
    items: rows.map((r) => ({
      enterpriseId: r.id,
      spEnterpriseId: r.spEnterpriseId,
      cluster: r.cluster,
      state: "pending",
      refusals: 0,
    })),
  };
}

/** Advances the job by one tick. Returns its status and how long to wait before the next tick. */
export async function advanceJob(
  services: Services,
  jobId: string,
): Promise<{ status: string; waitSeconds: number }> {
  const job = await services.db.select().from(bwJobs).where(eq(bwJobs.id, jobId)).get();
  if (job?.status !== "running") return { status: job?.status ?? "missing", waitSeconds: 0 };
  const state = JSON.parse(job.state) as JobState;
  const now = services.now();
  const stamp = now.toISOString();
  const partner = await services.db.select().from(partners).where(eq(partners.id, job.partnerId)).get();
  const rows = new Map(
    (
      await services.db.select().from(bwEnterprises).where(eq(bwEnterprises.partnerId, job.partnerId)).all()
    ).map((r) => [r.id, r]),
  );
  const finish = (item: JobItem, outcome: "done" | "failed", message?: string) => {
    item.state = outcome;
    item.endedAt = stamp;
    if (message) item.message = message;
  };

  if (!partner) {
    for (const item of state.items)
      if (item.state !== "done") finish(item, "failed", "The partner was deleted.");
  } else {
    const reader = await partnerClient(services, partner);
    const trigger = await partnerClient(services, partner, { waitOnThrottle: false });
    // 1. Running syncs: poll each until Webex reports an end newer than our trigger.
    for (const item of state.items.filter((i) => i.state === "running")) {
      const row = rows.get(item.enterpriseId);
      if (!row) {
        finish(item, "failed", "Webex no longer lists this enterprise.");
        continue;
      }
      try {
        const sync = await getDirectorySync(reader, item.enterpriseId);
        await saveSync(services, row, sync);
        const s = sync.directorySyncStatus;
        const started = s?.lastSyncStartTime ? Date.parse(s.lastSyncStartTime) : Number.NaN;
        const ours = Number.isNaN(started) || started >= Date.parse(item.triggeredAt ?? stamp) - 5 * 60_000;
        if (s?.syncStatus && s.syncStatus !== "IN_PROGRESS" && ours) {
          item.syncStatus = s.syncStatus;
          item.trackingId = s.lastSyncTrackingId;
          item.errors = explainErrors(s);
          const failed = s.syncStatus === "FAILED" || item.errors.length > 0;
          finish(
            item,
            failed ? "failed" : "done",
            failed ? `Directory sync ${s.syncStatus.toLowerCase()}.` : undefined,
          );
        } else if (now.getTime() - Date.parse(item.triggeredAt ?? stamp) > GIVE_UP_MS)
          finish(item, "failed", "Webex reported no result 12 hours after Sync now.");
      } catch (error) {
        // A failed status call changes nothing: poll again next tick.
        item.message = `Status check failed, will retry: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    // 2. Each cluster with nothing running starts its next enterprise.
    const busy = new Set(state.items.filter((i) => i.state === "running").map(laneOf));
    const lanes = new Map<string, JobItem[]>();
    for (const item of state.items.filter((i) => i.state === "pending"))
      lanes.set(laneOf(item), [...(lanes.get(laneOf(item)) ?? []), item]);
    for (const [lane, queue] of lanes) {
      if (busy.has(lane)) continue;
      const item = queue.find((i) => !i.notBefore || Date.parse(i.notBefore) <= now.getTime());
      const row = item && rows.get(item.enterpriseId);
      if (!item) continue;
      if (!row) {
        finish(item, "failed", "Webex no longer lists this enterprise.");
        continue;
      }
      try {
        const sync = await syncNow(trigger, item.enterpriseId);
        await saveSync(services, row, sync);
        item.state = "running";
        item.triggeredAt = stamp;
        item.message = undefined;
        busy.add(lane);
      } catch (error) {
        const webex = error instanceof WebexApiError ? error : null;
        if (webex && (webex.status === 429 || BUSY_CODES.has(webex.details.code ?? ""))) {
          item.refusals++;
          const wait = Math.max(webex.details.retryAfterSeconds ?? 30, state.pollSeconds);
          item.notBefore = new Date(now.getTime() + wait * 1000).toISOString();
          item.message = "Its BroadWorks cluster is running another on-demand sync; waiting for it.";
          await learnCluster(services, state, item, row);
        } else {
          const code = webex?.details.code ? Number(webex.details.code) : null;
          item.errors = code
            ? explainErrors({ errors: [{ errorCode: code, description: webex?.message }] })
            : [];
          finish(
            item,
            "failed",
            `Sync now refused: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  }

  state.ticks++;
  const open = state.items.some((i) => i.state === "pending" || i.state === "running");
  const status = open
    ? "running"
    : state.items.every((i) => i.state === "done")
      ? "succeeded"
      : "completed_with_errors";
  const saved = await services.db
    .update(bwJobs)
    .set({
      state: JSON.stringify(state),
      status,
      checkpoint: job.checkpoint + 1,
      updatedAt: stamp,
      endedAt: open ? null : stamp,
    })
    .where(and(eq(bwJobs.id, jobId), eq(bwJobs.checkpoint, job.checkpoint)))
    .returning({ id: bwJobs.id });
  // Another runner of the same job saved first: its tick stands, this one steps aside.
  if (saved.length === 0) return { status: "superseded", waitSeconds: 0 };
  if (!open) {
    const failed = state.items.filter((i) => i.state === "failed").length;
    await writeLog(services, {
      level: failed ? "warn" : "info",
      kind: "sync",
      partnerId: job.partnerId,
      message: `BroadWorks sync-all job ${jobId} ended: ${state.items.length - failed} synced, ${failed} failed.`,
    });
  }
  const waits = state.items
    .filter((i) => i.state === "pending" && i.notBefore)
    .map((i) => Math.ceil((Date.parse(i.notBefore!) - now.getTime()) / 1000));
  return { status, waitSeconds: Math.max(1, Math.min(state.pollSeconds, ...waits)) };
}

/** A BroadWorks error in the log, with its code and tracking id, and the code explained. */
export async function logBroadworksError(
  services: Services,
  partnerId: string,
  spEnterpriseId: string,
  message: string,
  webex: { status?: number; code?: number; trackingId?: string },
) {
  const explained = webex.code ? explainBroadworksError(webex.code) : null;
  await writeLog(services, {
    level: "error",
    kind: "webex_error",
    partnerId,
    model: "BroadWorksEnterprise",
    message: `${spEnterpriseId}: ${message}${explained ? ` (${webex.code}: ${explained.meaning} ${explained.action})` : ""}`,
    webexStatus: webex.status ?? null,
    webexErrorCode: webex.code ? String(webex.code) : null,
    webexTrackingId: webex.trackingId ?? null,
  });
}

/**
 * Webex refused because the cluster is busy. When exactly one of the job's syncs is running, that one holds
 * the cluster: the refused enterprise shares its cluster, and wxsync remembers it (unless an admin set one).
 */
async function learnCluster(services: Services, state: JobState, item: JobItem, row: BwEnterpriseRow) {
  const running = state.items.filter((i) => i.state === "running");
  const holder = running.length === 1 ? running[0] : undefined;
  if (item.cluster || !holder?.cluster) return;
  item.cluster = holder.cluster;
  if (row.clusterSource !== "admin")
    await services.db
      .update(bwEnterprises)
      .set({ cluster: holder.cluster, clusterSource: "learned" })
      .where(and(eq(bwEnterprises.partnerId, row.partnerId), eq(bwEnterprises.id, row.id)))
      .run();
}
