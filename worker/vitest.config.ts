import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";
import { TEST_EXTENSION_ORIGIN } from "./test/constants.ts";

// A fixed, test-only key: 32 random bytes (openssl rand -base64 32), so it passes env.ts's strength rules like a
// real one. Real deployments set their own with `wrangler secret put`.
const TEST_TOKEN_ENCRYPTION_KEY = "snc0pe+pSooDOVamuKmCwcRg8TbpN+MYZed+GKlP4z0=";

/** Where the worker under test finds Webex: the simulator, answering in this Node process. */
export const SIM_ORIGIN = "http://webex-sim.test";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "../migrations"));
  // The simulator is TypeScript source; tsx loads it (Node's own type stripping can't, and vite's config
  // bundler leaves workspace packages to Node).
  const {
    createSimulator,
    SIM_DEFAULT_CLIENT_ID,
    SIM_DEFAULT_CLIENT_SECRET,
  }: typeof import("@wxsync/webex-sim") = await tsImport("@wxsync/webex-sim", import.meta.url);
  // Three customer orgs; no latency or rate limits unless a test turns them on through /_sim/config.
  const sim = createSimulator({
    customers: [40, 60, 30],
    latencyMs: 0,
    jitterMs: 0,
    rateLimit: false,
    baseUrl: SIM_ORIGIN,
    // Directory syncs take seconds, not Webex's minutes, and fail only when a test scripts a failure.
    broadworks: { syncBaseMs: 1500, syncPerUserMs: 0, failureRate: 0 },
  });
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TOKEN_ENCRYPTION_KEY: TEST_TOKEN_ENCRYPTION_KEY,
            WEBEX_API_BASE: `${SIM_ORIGIN}/v1`,
            WEBEX_CLIENT_ID: SIM_DEFAULT_CLIENT_ID,
            WEBEX_CLIENT_SECRET: SIM_DEFAULT_CLIENT_SECRET,
            CORS_ORIGINS: TEST_EXTENSION_ORIGIN,
            // Local development: the worker's own origin is the one requests come to (https://wxsync.test).
            LOCAL_DEV: "1",
            // High enough for the fuzz test's thousands of requests; rate-limit tests give their key its own limit.
            RATE_LIMIT_PER_MINUTE: "100000",
            // Every test file's bad keys come from one address; the throttle's tests set their own limit.
            AUTH_FAILURES_PER_MINUTE: "100000",
          },
          // Every fetch the worker (and its Workflows) makes goes to the simulator, so the code under test
          // runs exactly as in production, with only WEBEX_API_BASE different.
          outboundService: (request: Request) => sim.fetch(request),
        },
      }),
    ],
    test: {
      name: "worker",
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      testTimeout: 30_000,
      // The simulator is shared: test files run one after another and reset it first.
      fileParallelism: false,
    },
  };
});
