#!/usr/bin/env node
// Runs on whatever Node the machine has (20 is enough). Fetches what the project needs that the machine
// lacks (Node >= 22.12 and pnpm, from the npm registry, into the git-ignored .tools folder), installs the
// workspace, then hands over to scripts/<command>.ts under Node 22. Plain JavaScript, no dependencies.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TOOLS = join(ROOT, ".tools");
const NODE_SPEC = "node@22";
const PNPM_SPEC = "pnpm@12.21.0";
const win = process.platform === "win32";
const bin = (dir, name) => join(dir, "node_modules", ".bin", win ? `${name}.cmd` : name);

const commands = {
  dev: "scripts/dev.ts",
  test: "scripts/test.ts",
  sim: "packages/webex-sim/src/cli.ts",
  bench: "scripts/bench/index.ts",
};
const [command, ...args] = process.argv.slice(2);
if (!commands[command]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(commands).join("|")}> [args...]`);
  process.exit(2);
}

// Quiet, offline-friendly wrangler (see the README): no telemetry, no Request.cf download.
const env = {
  ...process.env,
  // Lets `npm start` report the time from the command to ready, bootstrap included.
  WXSYNC_BOOT_STARTED: String(Date.now()),
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

const log = (message) => console.error(`[bootstrap] ${message}`);

function run(cmd, cmdArgs, options = {}) {
  const result = spawnSync(cmd, cmdArgs, { stdio: "inherit", env, cwd: ROOT, shell: win, ...options });
  if (result.status !== 0) {
    log(`failed: ${cmd} ${cmdArgs.join(" ")} (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

function nodeIsRecent(version) {
  const [major, minor] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

// 1. Node >= 22.12 and pnpm, in .tools unless the machine already has suitable ones.
const toolsNode = bin(TOOLS, "node");
const toolsPnpm = bin(TOOLS, "pnpm");
const missing = [];
if (!nodeIsRecent(process.versions.node) && !existsSync(toolsNode)) missing.push(NODE_SPEC);
if (!existsSync(toolsPnpm)) missing.push(PNPM_SPEC);
if (missing.length > 0) {
  log(`fetching ${missing.join(" and ")} from the npm registry into .tools/ (once)`);
  mkdirSync(TOOLS, { recursive: true });
  if (!existsSync(join(TOOLS, "package.json")))
    writeFileSync(join(TOOLS, "package.json"), '{ "private": true }\n');
  run("npm", ["install", "--prefix", TOOLS, "--no-audit", "--no-fund", "--loglevel=error", ...missing]);
}
env.PATH = [join(TOOLS, "node_modules", ".bin"), join(ROOT, "node_modules", ".bin"), env.PATH].join(
  delimiter,
);

// 2. The workspace's dependencies, re-installed only when the lockfile or a manifest changed since last time.
const stamp = join(ROOT, "node_modules", ".wxsync-installed");
const inputs = [
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  "package.json",
  "worker/package.json",
  "extension/package.json",
  "packages/core/package.json",
  "packages/webex-sim/package.json",
].map((f) => join(ROOT, f));
const newest = Math.max(...inputs.filter(existsSync).map((f) => statSync(f).mtimeMs));
const installedAt = existsSync(stamp) ? Number(readFileSync(stamp, "utf8")) : 0;
if (!(installedAt >= newest)) {
  const frozen = existsSync(join(ROOT, "pnpm-lock.yaml")) && process.env.WXSYNC_UNFROZEN !== "1";
  log(`installing dependencies with pnpm${frozen ? " (frozen lockfile)" : ""}`);
  run(toolsPnpm, ["install", ...(frozen ? ["--frozen-lockfile"] : [])]);
  writeFileSync(stamp, String(Date.now()));
}

// 3. Hand over, under Node 22, forwarding signals so Ctrl-C stops everything cleanly.
const child = spawn(bin(ROOT, "tsx"), [commands[command], ...args], {
  stdio: "inherit",
  env,
  cwd: ROOT,
  shell: win,
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
