import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../src/index.ts";

/** Runs the cron trigger as if it fired `offsetMs` from now. */
export async function runCron(offsetMs = 0) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: Date.now() + offsetMs, cron: "*/5 * * * *" }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}
