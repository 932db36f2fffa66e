#!/usr/bin/env node
/** `npm run sim -- --port 8788 --seed 1 --profile demo`: serves the simulator on loopback until interrupted. */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { createSimulator } from "./app.ts";
import type { FaultRule } from "./faults/rules.ts";
import type { PresetToken, SimulatorOptions } from "./options.ts";

const HELP = `webex-sim: a simulated https://webexapis.com/v1 (API under /v1, control API under /_sim/)

  --port N                 listen port (default 8788)
  --host H                 listen address (default 127.0.0.1)
  --seed N                 tenant seed (default 1)
  --profile demo|small     customer org sizes: demo = 50, 200, 500 users (default); small = 12, 30
  --users N                one customer org of N users instead of the profile
  --customers A,B,...      explicit customer org sizes
  --base-url URL           origin used in Link headers (default: the request's)
  --client-id ID           OAuth integration client id (default SIM_DEFAULT_CLIENT_ID)
  --client-secret S        OAuth integration client secret (default SIM_DEFAULT_CLIENT_SECRET)
  --service-app-id ID      Service App id for POST /v1/applications/{id}/token
  --service-app-client-id ID, --service-app-client-secret S
  --access-ttl SEC         access-token lifetime (default 1209600 = 14 days)
  --refresh-ttl SEC        refresh-token lifetime (default 7776000 = 90 days)
  --auto-consent           /v1/authorize redirects at once (as the partner admin)
  --rate-limit R/B|off     per-token requests per second / burst (default 20/40)
  --latency MS             added latency (default 30)
  --jitter MS              latency jitter, ± (default 10)
  --faults JSON|@FILE      fault rules, e.g. '[{"type":"status","status":503,"probability":0.05}]'
  --fault-seed N           seed for probabilistic faults and sync outcomes (default: --seed)
  --sync-base-ms MS        BroadWorks sync duration base (default 60000)
  --sync-per-user-ms MS    BroadWorks sync duration per user (default 50)
  --sync-failure-rate P    probability a BroadWorks sync fails (default 0.1)
  --token TOKEN[@ORG]      a fixed access token (ORG: partner or customer index; repeatable)
  --help`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8788" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "1" },
    profile: { type: "string" },
    users: { type: "string" },
    customers: { type: "string" },
    "base-url": { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    "service-app-id": { type: "string" },
    "service-app-client-id": { type: "string" },
    "service-app-client-secret": { type: "string" },
    "access-ttl": { type: "string" },
    "refresh-ttl": { type: "string" },
    "auto-consent": { type: "boolean" },
    "rate-limit": { type: "string" },
    latency: { type: "string" },
    jitter: { type: "string" },
    faults: { type: "string" },
    "fault-seed": { type: "string" },
    "sync-base-ms": { type: "string" },
    "sync-per-user-ms": { type: "string" },
    "sync-failure-rate": { type: "string" },
    token: { type: "string", multiple: true },
    help: { type: "boolean" },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function num(name: string, raw: string | undefined, integer = true): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
    fail(`--${name}: expected a number ≥ 0, got "${raw}"`);
  return n;
}

const port = num("port", values.port)!;
if (port < 1 || port > 65535)
  fail(`--port: expected a port number between 1 and 65535, got "${values.port}"`);
const seed = num("seed", values.seed)!;
if (values.profile !== undefined && values.profile !== "demo" && values.profile !== "small")
  fail("--profile: demo or small");

let rateLimit: SimulatorOptions["rateLimit"];
if (values["rate-limit"] === "off") rateLimit = false;
else if (values["rate-limit"]) {
  const m = values["rate-limit"].match(/^(\d+(?:\.\d+)?)\/(\d+)$/);
  if (!m) fail('--rate-limit: expected "perSecond/burst" (e.g. 20/40) or "off"');
  rateLimit = { perSecond: Number(m[1]), burst: Number(m[2]) };
}

let faults: FaultRule[] | undefined;
if (values.faults) {
  const text = values.faults.startsWith("@") ? readFileSync(values.faults.slice(1), "utf8") : values.faults;
  try {
    faults = JSON.parse(text) as FaultRule[];
  } catch {
    fail("--faults: not valid JSON");
  }
  if (!Array.isArray(faults)) fail("--faults: expected a JSON array of rules");
}

const presetTokens: PresetToken[] = (values.token ?? []).map((spec) => {
  const [token = "", org] = spec.split("@");
  return { token, org: org === undefined || org === "partner" ? "partner" : Number(org) };
});

const options: SimulatorOptions = {
  seed,
  profile: values.profile as SimulatorOptions["profile"],
  users: num("users", values.users),
  customers: values.customers?.split(",").map((n) => num("customers", n)!),
  baseUrl: values["base-url"],
  clientId: values["client-id"],
  clientSecret: values["client-secret"],
  serviceApp: {
    applicationId: values["service-app-id"],
    clientId: values["service-app-client-id"],
    clientSecret: values["service-app-client-secret"],
  },
  accessTokenTtlSec: num("access-ttl", values["access-ttl"]),
  refreshTokenTtlSec: num("refresh-ttl", values["refresh-ttl"]),
  autoConsent: values["auto-consent"],
  rateLimit,
  latencyMs: num("latency", values.latency),
  jitterMs: num("jitter", values.jitter),
  faults,
  faultSeed: num("fault-seed", values["fault-seed"]),
  broadworks: {
    syncBaseMs: num("sync-base-ms", values["sync-base-ms"]),
    syncPerUserMs: num("sync-per-user-ms", values["sync-per-user-ms"]),
    failureRate: num("sync-failure-rate", values["sync-failure-rate"], false),
  },
  presetTokens,
};

const started = performance.now();
const app = createSimulator(options);
const { tenant, options: resolved } = app.sim;
const generatedMs = Math.round(performance.now() - started);
const server = serve({ fetch: app.fetch, port, hostname: values.host }, (info) => {
  console.log(
    `webex-sim listening on http://${info.address}:${info.port}/v1 (seed ${seed}, tenant built in ${generatedMs} ms)`,
  );
  console.log(`  OAuth client id ${resolved.clientId}, secret ${resolved.clientSecret}`);
  for (const [i, org] of [tenant.partner, ...tenant.customers].entries()) {
    const label = i === 0 ? "partner " : `customer ${i - 1}`;
    console.log(`  ${label}: ${org.displayName} (${org.collections.people.size} people) ${org.id}`);
  }
  for (const t of presetTokens) console.log(`  preset token for ${String(t.org)}: ${t.token}`);
  console.log(
    "  control API: /_sim/health, /_sim/tokens, /_sim/stats, /_sim/reset, /_sim/orgs, /_sim/faults, /_sim/config",
  );
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
