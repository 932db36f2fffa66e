import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// A fixed, test-only key: 32 zero-free bytes, base64. Real deployments set their own with `wrangler secret put`.
const TEST_TOKEN_ENCRYPTION_KEY = "dGVzdC1vbmx5LWtleS0zMi1ieXRlcy1sb25nLTEyMzQ=";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "../migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TOKEN_ENCRYPTION_KEY: TEST_TOKEN_ENCRYPTION_KEY,
            WEBEX_API_BASE: "http://webex-sim.test/v1",
          },
        },
      }),
    ],
    test: {
      name: "worker",
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      testTimeout: 20_000,
    },
  };
});
