/**
 * `npm start`: the whole of wxsync locally on the embedded default (the Webex simulator), in the foreground
 * until Ctrl-C. Flags: --port (worker, 8787), --sim-port (8788), --seed (1), --no-demo (skip the demo partner
 * and first sync), --quiet (hide the worker's and simulator's own output).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setUpDemo } from "./lib/demo.ts";
import { ensureLocalApiKey, LOCAL_API_KEY_FILE } from "./lib/local-api-key.ts";
import { startStack } from "./lib/local-stack.ts";
import { EXTENSION_DIR } from "./lib/paths.ts";
import { assertPortFree } from "./lib/ports.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    "sim-port": { type: "string", default: "8788" },
    seed: { type: "string", default: "1" },
    quiet: { type: "boolean", default: false },
    "no-demo": { type: "boolean", default: false },
  },
});

function port(flag: string, value: string) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`--${flag}: expected a port number, got "${value}"`);
  return n;
}

const say = (line: string) => console.log(line);
const CRON_INTERVAL_MS = 60_000;

async function main() {
  const workerPort = port("port", values.port);
  const simPort = port("sim-port", values["sim-port"]);
  await assertPortFree(workerPort, "worker");
  await assertPortFree(simPort, "Webex simulator");

  const started = Date.now();
  let apiKey = "";
  say("wxsync: applying D1 migrations and starting the Webex simulator and the worker…");
  const stack = await startStack({
    workerPort,
    simPort,
    seed: Number(values.seed),
    // Webex's own limits are per token and undocumented; the demo allows 50 requests/s so the first sync of
    // the three demo customers (about 14,000 requests) takes minutes, not a quarter of an hour.
    simArgs: ["--rate-limit", "50/100"],
    prepare: async () => {
      const local = await ensureLocalApiKey();
      apiKey = local.key;
      if (local.created) say(`wxsync: created the local admin API key: ${local.key}`);
    },
    onLine: values.quiet ? undefined : (service, line) => say(`[${service}] ${line}`),
  });

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("wxsync: stopping the worker and the simulator…");
    await stack.stop();
    say("wxsync: stopped.");
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
  stack.firstExit.then((service) => {
    if (stopping) return;
    console.error(
      `wxsync: ${service.name} stopped unexpectedly (exit ${service.child.exitCode}); stopping the rest.`,
    );
    void shutdown(1);
  });

  const demo = values["no-demo"]
    ? null
    : await setUpDemo({ workerUrl: stack.workerUrl, simUrl: stack.simUrl, apiKey, say });
  const bootStarted = Number(process.env.WXSYNC_BOOT_STARTED) || started;
  const seconds = ((Date.now() - bootStarted) / 1000).toFixed(1);
  say(
    `wxsync ready: status page ${stack.workerUrl}/ (password: the admin API key) · API reference ${stack.workerUrl}/api/v1/docs · ` +
      `Webex simulator ${stack.simUrl} · admin API key in ${LOCAL_API_KEY_FILE} · ready in ${seconds} s · Ctrl-C stops`,
  );
  // Cron Triggers do not fire under `wrangler dev`; fire them here on the production schedule's beat, so
  // schedules run, tokens refresh and interrupted runs resume locally too.
  const cron = setInterval(() => {
    fetch(`${stack.workerUrl}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`).catch(() => {});
  }, CRON_INTERVAL_MS);
  cron.unref();
  buildExtension();
  demo?.firstSyncs.then(
    () => say(`wxsync demo: first syncs done; runs at ${stack.workerUrl}/api/v1/customers/<id>/runs`),
    (error: unknown) => console.error(`wxsync demo: a first sync could not be followed: ${String(error)}`),
  );
}

/**
 * Builds the browser extension for this local worker in the background, so the panel is ready to load
 * unpacked without holding `wxsync ready:` back.
 */
function buildExtension() {
  const child = spawn(join(EXTENSION_DIR, "node_modules", ".bin", "wxt"), ["build"], {
    cwd: EXTENSION_DIR,
    env: { ...process.env, WXSYNC_LOCAL_WORKER: "1" },
    stdio: "ignore",
  });
  child.on("exit", (code) =>
    say(
      code === 0
        ? `wxsync extension: built; load ${join(EXTENSION_DIR, ".output", "chrome-mv3")} unpacked (chrome://extensions, Developer mode) and open https://admin.webex.com/`
        : `wxsync extension: the build failed (exit ${code}); run \`pnpm --filter @wxsync/extension build\` to see why`,
    ),
  );
  child.on("error", (error) => say(`wxsync extension: could not build: ${error.message}`));
}

main().catch((error: unknown) => {
  console.error(`wxsync: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
