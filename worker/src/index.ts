/**
 * The worker's entrypoint: validate the environment once, then hand over to the app or the cron jobs.
 */
import { createApp } from "./app.ts";
import { runCronJobs } from "./cron/jobs.ts";
import { createDb } from "./db/client.ts";
import { parseEnv } from "./env.ts";

const app = createApp();

function badEnvironment(message: string) {
  console.error(JSON.stringify({ level: "error", msg: "invalid worker environment", detail: message }));
  return Response.json(
    {
      error: {
        code: "BAD_ENVIRONMENT",
        message: `The worker is misconfigured: ${message}`,
        requestId: crypto.randomUUID(),
      },
    },
    { status: 500 },
  );
}

export default {
  fetch(request, env, ctx) {
    const parsed = parseEnv(env);
    if (!parsed.ok) return badEnvironment(parsed.message);
    return app.fetch(request, parsed.env, ctx);
  },
  async scheduled(controller, env, ctx) {
    const parsed = parseEnv(env);
    if (!parsed.ok) throw new Error(`invalid worker environment: ${parsed.message}`);
    const run = runCronJobs({
      env: parsed.env,
      db: createDb(parsed.env.DB),
      now: new Date(controller.scheduledTime),
      cron: controller.cron,
    });
    ctx.waitUntil(run);
    await run;
  },
} satisfies ExportedHandler<Env>;
