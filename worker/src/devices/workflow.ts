/**
 * @module devices/workflow
 * The durable runner of a bulk SIP password rotation: one batch of devices per step until none is left.
 * Everything lives in D1, so a runner started by the cron for a stalled job (see cron.ts) carries on where
 * this one stopped; the job's lease keeps two runners from working on it at once.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { parseEnv } from "../env.ts";
import { createServices } from "../lib/services.ts";
import { advanceRotation } from "./rotation.ts";

/** Steps per instance stay well inside Workflows' limits; a longer job is picked up by the cron's resume. */
const MAX_BATCHES = 800;

export class SipRotationWorkflow extends WorkflowEntrypoint<Env, { jobId: string }> {
  override async run(event: Readonly<WorkflowEvent<{ jobId: string }>>, step: WorkflowStep) {
    const parsed = parseEnv(this.env);
    if (!parsed.ok) throw new Error(`invalid worker environment: ${parsed.message}`);
    const services = createServices(parsed.env);
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const status = await step.do(
        `batch ${batch}`,
        { retries: { limit: 3, delay: "10 seconds", backoff: "exponential" }, timeout: "10 minutes" },
        () => advanceRotation(services, event.payload.jobId, event.instanceId),
      );
      if (status !== "running") return status;
    }
    return "running";
  }
}
