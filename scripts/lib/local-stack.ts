/**
 * @module local-stack
 * The whole of wxsync on one machine: local D1 migrated, the Webex simulator, and the worker under
 * `wrangler dev` pointed at it. Used by `npm start` and by the browser end-to-end tests.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SIM_DEFAULT_CLIENT_ID, SIM_DEFAULT_CLIENT_SECRET } from "@wxsync/webex-sim";
import { ROOT, TSX, WORKER_DIR, WRANGLER } from "./paths.ts";
import { runOrThrow, type Service, startService, stopService, waitForHttp } from "./processes.ts";

export type StackOptions = {
  workerPort: number;
  simPort: number;
  seed?: number;
  /** Local D1 state folder; wrangler's default (worker/.wrangler/state) when omitted. */
  persistTo?: string;
  /** Where service output goes: a line callback, or files in this folder. */
  onLine?: (service: string, line: string) => void;
  logDir?: string;
  /** Extra simulator flags (e.g. `--rate-limit 50/100`). */
  simArgs?: string[];
  /** Runs after the migrations and before anything starts, while nothing else holds the local database. */
  prepare?: () => Promise<void>;
};

export type Stack = {
  workerUrl: string;
  simUrl: string;
  services: Service[];
  /** Resolves with the first service that exits on its own. */
  firstExit: Promise<Service>;
  stop: () => Promise<void>;
  /** Stops a service the hard way (as a crash would) and starts it again; resolves when it answers. */
  restart: (service: Service) => Promise<void>;
};

const wranglerEnv = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

/**
 * Secrets for local runs live in worker/.dev.vars (git-ignored): a vault key generated once, and the client
 * secret of the simulator's OAuth integration.
 */
export function ensureDevVars() {
  const file = join(WORKER_DIR, ".dev.vars");
  let current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (current && !current.endsWith("\n")) current += "\n";
  if (!/^TOKEN_ENCRYPTION_KEY=/m.test(current))
    current += `TOKEN_ENCRYPTION_KEY=${randomBytes(32).toString("base64")}\n`;
  if (!/^WEBEX_CLIENT_SECRET=/m.test(current))
    current += `WEBEX_CLIENT_SECRET=${SIM_DEFAULT_CLIENT_SECRET}\n`;
  writeFileSync(file, current, { mode: 0o600 });
}

export function persistArgs(persistTo?: string) {
  return persistTo ? ["--persist-to", persistTo] : [];
}

/** Runs SQL against the local D1 database (used for the local admin key). */
export function executeLocalSql(sql: string, persistTo?: string) {
  return runOrThrow(
    WRANGLER,
    ["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--command", sql],
    {
      cwd: WORKER_DIR,
      env: wranglerEnv,
    },
  );
}

export function applyMigrations(persistTo?: string) {
  runOrThrow(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", ...persistArgs(persistTo)], {
    cwd: WORKER_DIR,
    env: { ...wranglerEnv, CI: "1" },
  });
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { workerPort, simPort, seed = 1 } = options;
  ensureDevVars();
  applyMigrations(options.persistTo);
  await options.prepare?.();

  const output = (name: string) =>
    options.logDir
      ? { logFile: join(options.logDir, `${name}.log`) }
      : { onLine: (line: string) => options.onLine?.(name, line) };

  const simUrl = `http://127.0.0.1:${simPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  const launchSim = () =>
    startService(
      "webex-sim",
      TSX,
      [
        "packages/webex-sim/src/cli.ts",
        "--port",
        String(simPort),
        "--seed",
        String(seed),
        ...(options.simArgs ?? []),
      ],
      { cwd: ROOT, ...output("webex-sim") },
    );
  const launchWorker = () =>
    startService(
      "worker",
      WRANGLER,
      [
        "dev",
        "--test-scheduled",
        "--ip",
        "127.0.0.1",
        "--port",
        String(workerPort),
        "--var",
        `WEBEX_API_BASE:${simUrl}/v1`,
        "--var",
        `WEBEX_CLIENT_ID:${SIM_DEFAULT_CLIENT_ID}`,
        // Local development: the worker's own origin is http://127.0.0.1:<port> (env.ts, PUBLIC_ORIGIN).
        "--var",
        "LOCAL_DEV:1",
        ...persistArgs(options.persistTo),
      ],
      { cwd: WORKER_DIR, env: wranglerEnv, ...output("worker") },
    );
  const sim = launchSim();
  const worker = launchWorker();
  const services = [sim, worker];
  const stop = async () => {
    await Promise.all(services.map((service) => stopService(service)));
  };
  try {
    await Promise.all([
      waitForHttp(`${simUrl}/_sim/health`, sim),
      waitForHttp(`${workerUrl}/api/v1/health`, worker),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  const firstExit = Promise.race(services.map((service) => service.exited.then(() => service)));
  const restart = async (service: Service) => {
    const index = services.indexOf(service);
    await stopService(service, 0);
    const next = service.name === "worker" ? launchWorker() : launchSim();
    services[index] = next;
    await waitForHttp(next.name === "worker" ? `${workerUrl}/api/v1/health` : `${simUrl}/_sim/health`, next);
  };
  return { workerUrl, simUrl, services, firstExit, stop, restart };
}
