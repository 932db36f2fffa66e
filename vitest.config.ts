import { defineConfig } from "vitest/config";

// Test layers 1-3 (browser end-to-end runs separately: `pnpm test:e2e`).
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "worker/vitest.config.ts", "extension/vitest.config.ts"],
  },
});
