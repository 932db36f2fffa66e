/**
 * @module cron/jobs
 * What the cron trigger does on each tick. Each job decides for itself whether anything is due, so one
 * frequent trigger serves schedules of any interval. A failing job is logged and never stops the others.
 */

import { refreshBroadworks, resumeStaleJobs } from "../broadworks/cron.ts";
import { resumeStaleRotations } from "../devices/cron.ts";
import { refreshDueTokens, warnExpiringTokens } from "../grants/cron.ts";
import type { Services } from "../lib/services.ts";
import { pruneLogs } from "../logs/write.ts";
import { resumeStaleRuns, runDueSchedules } from "../sync/cron.ts";
import { writeState } from "../system/state.ts";

export type CronContext = { services: Services; now: Date; cron: string };
export type CronJob = { name: string; run: (ctx: CronContext) => Promise<void> };

const heartbeat: CronJob = {
  name: "heartbeat",
  run: ({ services, now }) => writeState(services.db, "lastCronAt", now.toISOString(), now),
};

const DAY_MS = 86_400_000;

const pruneOldLogs: CronJob = {
  name: "prune-logs",
  run: async ({ services, now }) => {
    await pruneLogs(services, new Date(now.getTime() - services.env.LOG_RETENTION_DAYS * DAY_MS));
  },
};

export const defaultJobs: CronJob[] = [
  heartbeat,
  refreshDueTokens,
  warnExpiringTokens,
  runDueSchedules,
  resumeStaleRuns,
  pruneOldLogs,
  refreshBroadworks,
  resumeStaleJobs,
  resumeStaleRotations,
];

export async function runCronJobs(ctx: CronContext, jobs: CronJob[] = defaultJobs) {
  const results = await Promise.allSettled(jobs.map((job) => job.run(ctx)));
  results.forEach((result, i) => {
    if (result.status === "rejected") {
      console.error(
        JSON.stringify({
          level: "error",
          msg: "cron job failed",
          job: jobs[i]?.name,
          cron: ctx.cron,
          error: String(result.reason),
        }),
      );
    }
  });
  return results.map((result, i) => ({ job: jobs[i]?.name, ok: result.status === "fulfilled" }));
}
