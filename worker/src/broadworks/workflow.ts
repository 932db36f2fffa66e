/**
 * @module broadworks/workflow
 * The durable runner of a sync-all job: a tick (poll, then trigger what may start), a durable sleep, again.
 * Everything lives in D1, so a new instance started for a stale job (see cron.ts) carries on where this stopped.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { parseEnv } from "../env.ts";
import { createServices } from "../lib/services.ts";
import { advanceJob } from "./job.ts";

/** Steps per instance stay well inside Workflows' limits; a longer job is picked up by the cron's resume. */
const MAX_TICKS = 400;

export class BroadworksJobWorkflow extends WorkflowEntrypoint<Env, { jobId: string }> {
  override async run(event: Readonly<WorkflowEvent<{ jobId: string }>>, step: WorkflowStep) {
    const parsed = parseEnv(this.env);
    if (!parsed.ok) throw new Error(`invalid worker environment: ${parsed.message}`);
    const services = createServices(parsed.env);
    for (let tick = 0; tick < MAX_TICKS; tick++) {
      const { status, waitSeconds } = await step.do(
        `tick ${tick}`,
        { retries: { limit: 3, delay: "10 seconds", backoff: "exponential" }, timeout: "5 minutes" },
        () => advanceJob(services, event.payload.jobId),
      );
      if (status !== "running") return status;
      await step.sleep(`wait ${tick}`, `${waitSeconds} seconds`);
    }
    return "running";
  }
}
