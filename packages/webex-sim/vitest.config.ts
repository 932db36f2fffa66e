import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "webex-sim", environment: "node", include: ["src/**/*.test.ts"] },
});
