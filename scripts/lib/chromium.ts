/**
 * @module chromium
 * The browser tests use the system's Chromium (never a downloaded one). On a Debian/Ubuntu machine where
 * we may use apt (root, or sudo without a password) a missing Chromium is installed once.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

export function findChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, ...CANDIDATES].find(
    (path): path is string => !!path && existsSync(path),
  );
}

export function ensureChromium(): { ok: true; path: string } | { ok: false; message: string } {
  const found = findChromium();
  if (found) return { ok: true, path: found };
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && spawnSync("sudo", ["-n", "true"]).status === 0;
  if (!hasApt || (!isRoot && !sudo)) {
    return {
      ok: false,
      message:
        "Chromium is missing: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.",
    };
  }
  console.log("Installing Debian's chromium for the browser tests (once)…");
  const prefix = isRoot ? [] : ["sudo", "-n"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["apt-get", "update", "-qq"],
    ["apt-get", "install", "-y", "-qq", "chromium"],
  ]) {
    const [command, ...rest] = [...prefix, ...args] as [string, ...string[]];
    const result = spawnSync(command, rest, { stdio: "inherit", env });
    if (result.status !== 0)
      return { ok: false, message: `${args.join(" ")} failed; install chromium by hand.` };
  }
  const installed = findChromium();
  return installed
    ? { ok: true, path: installed }
    : { ok: false, message: "chromium installed but not found on disk." };
}
