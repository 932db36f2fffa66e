/**
 * @module processes
 * Child processes for the local stack: each in its own process group, so stopping one stops everything
 * it started (wrangler starts workerd), and Ctrl-C on our side never leaves orphans behind.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

export type Service = { name: string; child: ChildProcess; exited: Promise<number | null> };

export type StartOptions = {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Each output line is passed here; or give `logFile` to write the output to a file instead. */
  onLine?: (line: string) => void;
  logFile?: string;
};

export function startService(name: string, command: string, args: string[], options: StartOptions): Service {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  if (options.logFile) {
    const file = createWriteStream(options.logFile, { flags: "a" });
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  } else {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on("line", (line) => options.onLine?.(line));
    }
  }
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, child, exited };
}

function signalGroup(service: Service, signal: NodeJS.Signals) {
  const { pid } = service.child;
  if (pid === undefined || service.child.exitCode !== null) return;
  try {
    if (process.platform === "win32") spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"]);
    else process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the whole group, SIGKILL if it is still there after `graceMs`. */
export async function stopService(service: Service, graceMs = 8000) {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  signalGroup(service, "SIGTERM");
  const timer = setTimeout(() => signalGroup(service, "SIGKILL"), graceMs);
  await service.exited;
  clearTimeout(timer);
}

/** Runs a command to completion; throws with its output when it fails. */
export function runOrThrow(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Polls `url` until it answers with one of `statuses`, the service dies, or `timeoutMs` passes. */
export async function waitForHttp(url: string, service: Service, timeoutMs = 60_000, statuses = [200]) {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  service.exited.then(() => {
    died = true;
  });
  while (Date.now() < deadline) {
    if (died) throw new Error(`${service.name} exited before it was ready (exit ${service.child.exitCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (statuses.includes(res.status)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000} s`);
}
