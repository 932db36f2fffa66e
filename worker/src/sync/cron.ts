/**
 * @module sync/cron
 * Cron jobs for syncs: start every schedule that is due (SyncSpark-SCHED-<Name> and user-made ones), and pick up
 * runs whose Workflow stopped advancing (a restarted worker, a lost instance), so they resume from their checkpoint.
 */
import { nextRun } from "@wxsync/core/schedule";
import { and, eq, inArray, lte } from "drizzle-orm";
import type { CronJob } from "../cron/jobs.ts";
import { customers } from "../customers/schema.ts";
import { dataSyncs, schedules } from "../data-syncs/schema.ts";
import { ApiError } from "../lib/errors.ts";
import { activeRun, startRun } from "./runs.ts";
import { syncRuns } from "./schema.ts";

/** When a schedule falls due while the customer is already syncing, it is tried again this much later. */
export const BUSY_RETRY_MS = 10 * 60_000;

/** A running run silent for this long (runners beat every 30 s) is taken to have lost its Workflow. */
export const STALE_RUN_MS = 3 * 60_000;

export const runDueSchedules: CronJob = {
  name: "run-due-schedules",
  async run({ services, now }) {
    const due = await services.db
      .select({ schedule: schedules, dataSync: dataSyncs, customer: customers })
      .from(schedules)
      .innerJoin(dataSyncs, eq(schedules.dataSyncId, dataSyncs.id))
      .innerJoin(customers, eq(schedules.customerId, customers.id))
      .where(and(eq(schedules.enabled, true), lte(schedules.nextRunAt, now.toISOString())))
      .all();
    for (const { schedule, dataSync, customer } of due) {
      // The next time is set first, so a failing start is not retried on every tick.
      await services.db
        .update(schedules)
        .set({
          nextRunAt: nextRun(schedule, now).toISOString(),
          lastRunAt: now.toISOString(),
          updatedAt: now.toISOString(),
        })
        .where(eq(schedules.id, schedule.id))
        .run();
      try {
        await startRun(services, { customer, dataSync, trigger: "schedule" });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // Another sync of the customer is running (the devices sync and the full sync fall due together):
        // try again shortly instead of losing the day's run.
        if (await activeRun(services, customer.id))
          await services.db
            .update(schedules)
            .set({ nextRunAt: new Date(now.getTime() + BUSY_RETRY_MS).toISOString() })
            .where(eq(schedules.id, schedule.id))
            .run();
        console.log(
          JSON.stringify({
            level: "info",
            msg: "scheduled sync skipped",
            schedule: schedule.name,
            reason: error.message,
          }),
        );
      }
    }
  },
};

export const resumeStaleRuns: CronJob = {
  name: "resume-stale-runs",
  async run({ services, now }) {
    const stale = await services.db
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(
        and(
          inArray(syncRuns.status, ["queued", "running"]),
          lte(syncRuns.updatedAt, new Date(now.getTime() - STALE_RUN_MS).toISOString()),
        ),
      )
      .all();
    for (const run of stale) {
      await services.db
        .update(syncRuns)
        .set({ updatedAt: now.toISOString() })
        .where(eq(syncRuns.id, run.id))
        .run();
      await services.env.SYNC_WORKFLOW.create({
        id: `${run.id}-resume-${now.getTime()}`,
        params: { runId: run.id },
      });
    }
  },
};
