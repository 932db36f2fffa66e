/**
 * @module sync/workflow
 * The durable runner. Each step advances the run by one chunk (≤ 400 Webex requests) and the checkpoint lives
 * in D1, so a restarted Workflow, or a new one started for a stale run, continues where the last step ended.
 * Why Workflows rather than Queues + a Durable Object: a run is a linear sequence of chunks with retries,
 * which is exactly a Workflow; no fan-out or per-customer coordination beyond the unique index is needed.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { parseEnv } from "../env.ts";
import { createServices } from "../lib/services.ts";
import { advanceRun } from "./runs.ts";

/** A safety net far beyond any real run: 2,000 chunks of 400 requests. */
const MAX_CHUNKS = 2000;

export class SyncWorkflow extends WorkflowEntrypoint<Env, { runId: string }> {
  override async run(event: Readonly<WorkflowEvent<{ runId: string }>>, step: WorkflowStep) {
    const parsed = parseEnv(this.env);
    if (!parsed.ok) throw new Error(`invalid worker environment: ${parsed.message}`);
    const services = createServices(parsed.env);
    for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
      const status = await step.do(
        `chunk ${chunk}`,
        { retries: { limit: 3, delay: "10 seconds", backoff: "exponential" }, timeout: "10 minutes" },
        () => advanceRun(services, event.payload.runId),
      );
      if (status !== "running") return status;
    }
    return "running";
  }
}
