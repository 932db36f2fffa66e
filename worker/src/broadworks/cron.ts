/**
 * @module broadworks/cron
 * The cron trigger keeps every connected partner's enterprises fresh (every 30 minutes) and resumes sync-all
 * jobs whose runner stopped (no tick for 3 minutes).
 */
import { and, eq, isNull, lte } from "drizzle-orm";
import type { CronJob } from "../cron/jobs.ts";
import { webexGrants } from "../grants/schema.ts";
import { partners } from "../partners/schema.ts";
import { readState, writeState } from "../system/state.ts";
import { bwJobs } from "./schema.ts";
import { refreshEnterprises } from "./store.ts";

const REFRESH_EVERY_MS = 30 * 60_000;
const STALE_JOB_MS = 3 * 60_000;

export const refreshBroadworks: CronJob = {
  name: "broadworks-refresh",
  async run({ services, now }) {
    const last = await readState(services.db, "broadworksRefreshedAt");
    if (last && now.getTime() - Date.parse(last) < REFRESH_EVERY_MS) return;
    await writeState(services.db, "broadworksRefreshedAt", now.toISOString(), now);
    const connected = await services.db
      .select({ partner: partners })
      .from(partners)
      .innerJoin(webexGrants, and(eq(webexGrants.ownerType, "partner"), eq(webexGrants.ownerId, partners.id)))
      .where(isNull(webexGrants.revokedAt))
      .all();
    for (const { partner } of connected) {
      try {
        await refreshEnterprises(services, partner);
      } catch (error) {
        // One partner's failure (no BroadWorks scope, Webex down) must not stop the others.
        console.error(
          JSON.stringify({
            level: "warn",
            msg: "broadworks refresh failed",
            partner: partner.id,
            error: String(error),
          }),
        );
      }
    }
  },
};

export const resumeStaleJobs: CronJob = {
  name: "broadworks-resume-jobs",
  async run({ services, now }) {
    const stale = await services.db
      .select({ id: bwJobs.id })
      .from(bwJobs)
      .where(
        and(
          eq(bwJobs.status, "running"),
          lte(bwJobs.updatedAt, new Date(now.getTime() - STALE_JOB_MS).toISOString()),
        ),
      )
      .all();
    for (const job of stale) {
      await services.db
        .update(bwJobs)
        .set({ updatedAt: now.toISOString() })
        .where(eq(bwJobs.id, job.id))
        .run();
      await services.env.BW_JOB_WORKFLOW.create({
        id: `${job.id}-resume-${now.getTime()}`,
        params: { jobId: job.id },
      });
    }
  },
};
