/**
 * Builds the extension, starts the local stack (simulator + worker on fresh local D1) and the fake
 * Control Hub, and hands their addresses to the tests.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiKeyHint, generateApiKey, hashApiKey } from "@wxsync/core/api-keys";
import type { TestProject } from "vitest/node";
import { executeLocalSql, startStack } from "../../scripts/lib/local-stack.ts";
import { EXTENSION_DIR, ROOT } from "../../scripts/lib/paths.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import { runOrThrow } from "../../scripts/lib/processes.ts";
import { startFakeControlHub } from "./fake-control-hub.ts";

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    simUrl: string;
    adminKey: string;
    viewerKey: string;
    controlHubPort: number;
    extensionDir: string;
    artifactsDir: string;
  }
}

export default async function setup(project: TestProject) {
  const artifactsDir = join(ROOT, "test-results", "e2e");
  mkdirSync(artifactsDir, { recursive: true });
  // A production-shaped build, plus host permissions for the loopback worker.
  runOrThrow(join(EXTENSION_DIR, "node_modules", ".bin", "wxt"), ["build"], {
    cwd: EXTENSION_DIR,
    env: { WXSYNC_LOCAL_WORKER: "1" },
  });
  const persistTo = mkdtempSync(join(tmpdir(), "wxsync-e2e-d1-"));
  const adminKey = generateApiKey();
  const viewerKey = generateApiKey();
  const stack = await startStack({
    workerPort: await freePort(),
    simPort: await freePort(),
    persistTo,
    logDir: artifactsDir,
    // Small orgs, a quick simulator and BroadWorks syncs of seconds: the browser tests watch whole runs.
    simArgs: [
      ...["--profile", "small", "--latency", "5", "--jitter", "2", "--rate-limit", "off"],
      ...["--sync-base-ms", "3000", "--sync-per-user-ms", "0", "--sync-failure-rate", "0"],
    ],
    prepare: async () => {
      const rows = await Promise.all(
        [
          ["e2e-admin", "E2E admin", "admin", adminKey],
          ["e2e-viewer", "E2E viewer", "viewer", viewerKey],
        ].map(
          async ([id, name, role, key]) =>
            `('${id}', '${name}', '${role}', '${await hashApiKey(key!)}', '${apiKeyHint(key!)}', '${new Date().toISOString()}')`,
        ),
      );
      executeLocalSql(
        `INSERT INTO api_keys (id, name, role, key_hash, key_hint, created_at) VALUES ${rows.join(", ")}`,
        persistTo,
      );
    },
  });
  const controlHub = await startFakeControlHub();

  project.provide("workerUrl", stack.workerUrl);
  project.provide("simUrl", stack.simUrl);
  project.provide("adminKey", adminKey);
  project.provide("viewerKey", viewerKey);
  project.provide("controlHubPort", controlHub.port);
  project.provide("extensionDir", join(EXTENSION_DIR, ".output", "chrome-mv3"));
  project.provide("artifactsDir", artifactsDir);

  return async () => {
    await controlHub.close();
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
