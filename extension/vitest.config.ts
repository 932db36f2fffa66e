import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

export default defineConfig({
  // `root` lets the root workspace run this project without losing WXT's aliases.
  plugins: [
    WxtVitest({ root: import.meta.dirname }),
    preact({ prefreshEnabled: false, devToolsEnabled: false }),
  ],
  test: {
    name: "extension",
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}", "entrypoints/**/*.test.{ts,tsx}"],
  },
});
