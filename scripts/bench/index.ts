/**
 * `npm run bench -- <name> [flags]`: sync (the worker syncing from the simulator), export (streaming a
 * 100,000-row CSV), rotation (bulk SIP password rotation at Webex's rate limit), sim (the simulator's own
 * throughput and generation time).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, TSX } from "../lib/paths.ts";

const benches: Record<string, string> = {
  sync: join(ROOT, "scripts", "bench", "sync.ts"),
  export: join(ROOT, "scripts", "bench", "export.ts"),
  rotation: join(ROOT, "scripts", "bench", "rotation.ts"),
  sim: join(ROOT, "packages", "webex-sim", "bench", "bench.ts"),
};
const [name, ...args] = process.argv.slice(2);
const script = name ? benches[name] : undefined;
if (!script) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join("|")}> [flags]`);
  process.exit(2);
}
process.exit(spawnSync(TSX, [script, ...args], { stdio: "inherit", cwd: ROOT }).status ?? 1);
