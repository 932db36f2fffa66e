/**
 * `pnpm --filter @wxsync/webex-sim bench`: the simulator's own throughput on loopback (100-item pages, latency
 * and rate limits off, Node server) and the time to generate a 100,000-user tenant.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import { createSimulator } from "../src/app.ts";
import { generateTenant, tenantSpec } from "../src/tenant/generate.ts";

const run = promisify(execFile);
const USERS = 100_000;

function generation(): void {
  const started = performance.now();
  const tenant = generateTenant(tenantSpec({ seed: 1, users: USERS }));
  const ms = performance.now() - started;
  const c = tenant.customers[0]!.collections;
  console.log(
    `generation: ${USERS.toLocaleString()} users in ${(ms / 1000).toFixed(2)} s ` +
      `(${c.devices.size} devices, ${c.numbers.size} numbers, ${c.workspaces.size} workspaces, ${c.locations.size} locations)`,
  );
}

async function throughput(): Promise<void> {
  const app = createSimulator({
    users: USERS,
    latencyMs: 0,
    jitterMs: 0,
    rateLimit: false,
    presetTokens: [{ token: "bench", org: 0 }],
  });
  const org = app.sim.tenant.customers[0]!;
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const base = `http://127.0.0.1:${address.port}/v1`;
  const pages = (path: string, count: number) =>
    Array.from(
      { length: count },
      (_, i) => `${base}${path}${path.includes("?") ? "&" : "?"}max=100&start=${i * 100}`,
    );
  const scenarios: [string, string[]][] = [
    ["GET /devices (100 per page)", pages("/devices", 200)],
    ["GET /telephony/config/numbers (100 per page)", pages("/telephony/config/numbers", 200)],
    ["GET /people?callingData=true (100 per page)", [`${base}/people?callingData=true&max=100`]],
  ];
  const load = fileURLToPath(new URL("./load.mjs", import.meta.url));
  for (const [name, urls] of scenarios) {
    const { stdout } = await run(process.execPath, [load, "bench", "5000", "32", ...urls], {
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(stdout) as { requests: number; errors: number; ms: number };
    console.log(
      `${name}: ${Math.round((r.requests / r.ms) * 1000)} requests/s (${r.requests} ok, ${r.errors} errors, ${org.displayName})`,
    );
  }
  server.close();
}

generation();
await throughput();
