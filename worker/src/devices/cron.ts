/**
 * @module devices/cron
 * Bulk rotations whose runner went silent (a lost isolate, a Workflow that errored) get a new runner, which is
 * handed the job's lease here, so the old one, should it wake up, stops at its next device.
 */
import { and, eq, lte } from "drizzle-orm";
import type { CronJob } from "../cron/jobs.ts";
import { STALE_JOB_MS } from "./rotation.ts";
import { sipRotationJobs as jobs } from "./schema.ts";

export const resumeStaleRotations: CronJob = {
  name: "sip-rotation-resume",
  async run({ services, now }) {
    const stale = await services.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.status, "running"),
          lte(jobs.updatedAt, new Date(now.getTime() - STALE_JOB_MS).toISOString()),
        ),
      )
      .all();
    for (const job of stale) {
      const runner = `${job.id}-resume-${now.getTime()}`;
      await services.db
        .update(jobs)
        .set({ runner, updatedAt: now.toISOString() })
        .where(eq(jobs.id, job.id))
        .run();
      await services.env.SIP_ROTATION_WORKFLOW.create({ id: runner, params: { jobId: job.id } });
    }
  },
};
