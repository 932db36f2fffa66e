/**
 * @module devices/cron
 * Bulk rotations whose runner went silent (a lost isolate, a Workflow that errored) get a new runner, which is
 * handed the job's lease here, so the old one, should it wake up, stops at its next device.
 */
import { and, eq, lte, sql } from "drizzle-orm";
import type { CronJob } from "../cron/jobs.ts";
import { finish, MAX_RESUMES, STALE_JOB_MS } from "./rotation.ts";
import { sipRotationJobs as jobs } from "./schema.ts";

export const resumeStaleRotations: CronJob = {
  name: "sip-rotation-resume",
  async run({ services, now }) {
    const staleBefore = new Date(now.getTime() - STALE_JOB_MS).toISOString();
    const stale = await services.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, "running"), lte(jobs.updatedAt, staleBefore)))
      .all();
    for (const job of stale) {
      const runner = `${job.id}-resume-${now.getTime()}`;
      // Taken over only if it is still running and still silent: a runner that beat meanwhile keeps it.
      const taken = await services.db
        .update(jobs)
        .set({ runner, resumes: sql`${jobs.resumes} + 1`, updatedAt: now.toISOString() })
        .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), lte(jobs.updatedAt, staleBefore)))
        .returning({ resumes: jobs.resumes });
      if (!taken[0]) continue;
      if (taken[0].resumes > MAX_RESUMES) {
        await finish(
          services,
          job.id,
          `Stopped after ${MAX_RESUMES} restarts: its runner keeps failing (see the worker's log).`,
        );
        continue;
      }
      await services.env.SIP_ROTATION_WORKFLOW.create({ id: runner, params: { jobId: job.id } });
    }
  },
};
