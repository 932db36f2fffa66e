/**
 * The worker as a factory: validate the environment once, then hand over to the app or the cron jobs.
 * `index.ts` exports the production instance; tests build their own with the simulator injected.
 */
import { createApp } from "./app.ts";
import { runCronJobs } from "./cron/jobs.ts";
import { parseEnv } from "./env.ts";
import { createServices, type WorkerDeps } from "./lib/services.ts";

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

export function createWorker(deps: WorkerDeps = {}) {
  const app = createApp(deps);
  return {
    fetch(request, env, ctx) {
      const parsed = parseEnv(env);
      if (!parsed.ok) return badEnvironment(parsed.message);
      return app.fetch(request, parsed.env, ctx);
    },
    async scheduled(controller, env, ctx) {
      const parsed = parseEnv(env);
      if (!parsed.ok) throw new Error(`invalid worker environment: ${parsed.message}`);
      // The tick's own time, so a test can run the cron "seven days from now"; elapsed time still counts.
      const startedAt = Date.now();
      const services = createServices(parsed.env, {
        ...deps,
        now: deps.now ?? (() => new Date(controller.scheduledTime + Date.now() - startedAt)),
      });
      const run = runCronJobs({ services, now: new Date(controller.scheduledTime), cron: controller.cron });
      ctx.waitUntil(run);
      await run;
    },
  } satisfies ExportedHandler<Env>;
}
