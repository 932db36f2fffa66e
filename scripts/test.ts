/**
 * `npm test`: every check and every test layer, one after the other, then one summary line.
 * A failing step does not stop the others, so one run shows everything that is wrong.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureChromium } from "./lib/chromium.ts";
import { ROOT } from "./lib/paths.ts";

type Step = { name: string; command: string; args: string[]; report?: string; before?: () => string | null };

const reports = join(ROOT, "test-results");
mkdirSync(reports, { recursive: true });
const json = (name: string) => join(reports, `${name}.json`);

const steps: Step[] = [
  { name: "lint", command: "biome", args: ["check", "."] },
  { name: "typecheck", command: "pnpm", args: ["-r", "--workspace-concurrency=1", "typecheck"] },
  { name: "typecheck scripts", command: "tsc", args: ["-p", "scripts"] },
  {
    name: "core, simulator, worker, extension",
    command: "vitest",
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${json("unit")}`],
    report: json("unit"),
  },
  {
    name: "browser end-to-end",
    before: () => {
      const chromium = ensureChromium();
      if (!chromium.ok) return chromium.message;
      process.env.CHROMIUM_PATH = chromium.path;
      return null;
    },
    command: "pnpm",
    args: [
      "--filter",
      "@wxsync/extension",
      "e2e",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${json("e2e")}`,
    ],
    report: json("e2e"),
  },
];

function countTests(file: string | undefined): string {
  if (!file || !existsSync(file)) return "";
  const result = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numTotalTests: number;
    numPendingTests: number;
  };
  // Skipped tests are named in the summary: the only ones are the contract tests, when the Webex specs are absent.
  const skipped =
    result.numPendingTests > 0
      ? `, ${result.numPendingTests} skipped (no Webex OpenAPI specs: set WEBEX_OPENAPI_DIR)`
      : "";
  return ` ${result.numPassedTests}/${result.numTotalTests} tests${skipped}`;
}

const started = Date.now();
const results: string[] = [];
let failed = 0;
for (const step of steps) {
  if (step.report) rmSync(step.report, { force: true });
  console.log(`\n▶ ${step.name}`);
  const stepStarted = Date.now();
  const problem = step.before?.() ?? null;
  if (problem) console.error(problem);
  const ok =
    !problem &&
    spawnSync(step.command, step.args, { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" })
      .status === 0;
  if (!ok) failed++;
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(0);
  results.push(`${step.name}${countTests(step.report)} ${ok ? "✓" : "✗"} (${seconds} s)`);
}
const total = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `\nwxsync tests: ${failed === 0 ? "all passed" : `${failed} of ${steps.length} steps FAILED`} in ${total} s · ${results.join(" · ")}`,
);
process.exit(failed === 0 ? 0 : 1);
