/**
 * @module messaging/connection
 * "Test connection": checks, in order, what can go wrong between the extension and a worker, and says
 * exactly which step failed and what to do — and, when all is well, who the key is and what it may do.
 */
import { createWorkerClient } from "../worker-api/client.ts";
import { whoamiSchema } from "../worker-api/schemas.ts";
import type { ConnectionReport, ConnectionStep } from "./protocol.ts";

const ABILITIES = {
  viewer: ["see customers, syncs, logs and reports", "export CSV"],
  operator: ["see customers, syncs, logs and reports", "export CSV", "run syncs and BroadWorks actions"],
  admin: [
    "see customers, syncs, logs and reports",
    "export CSV",
    "run syncs and BroadWorks actions",
    "manage customers, partners and API keys",
  ],
} as const;

export async function testConnection(
  settings: { workerUrl: string; apiKey: string },
  deps: { fetch: typeof fetch; hasPermission?: (origin: string) => Promise<boolean> },
): Promise<ConnectionReport> {
  const steps: ConnectionStep[] = [];
  const fail = (name: string, message: string): ConnectionReport => {
    steps.push({ name, ok: false, message });
    return { ok: false, steps, whoami: null, abilities: [] };
  };
  let origin: string;
  try {
    origin = new URL(settings.workerUrl).origin;
  } catch {
    return fail(
      "Worker URL",
      "Not a URL: enter the worker's address, such as https://wxsync.example.workers.dev.",
    );
  }
  steps.push({ name: "Worker URL", ok: true, message: origin });

  if (deps.hasPermission && !(await deps.hasPermission(origin)))
    return fail(
      "Permission",
      `The browser does not let the extension call ${origin} yet (cross-origin requests are blocked). Save the settings and accept the browser's prompt.`,
    );

  const client = createWorkerClient({
    baseUrl: settings.workerUrl,
    apiKey: settings.apiKey,
    fetch: deps.fetch,
  });
  const health = await client.health();
  if (!health.ok) {
    const message =
      health.error.kind === "unreachable"
        ? `${health.error.message} If the worker is up, its CORS_ORIGINS may not allow this extension.`
        : health.error.message;
    return fail("Reachable", message);
  }
  steps.push({
    name: "Reachable",
    ok: health.data.status === "ok",
    message: `wxsync ${health.data.version}, database ${health.data.database}`,
  });

  if (!settings.apiKey)
    return fail("API key", "No API key: paste one (wxs_…) from your wxsync administrator.");
  const who = await client.call("/api/v1/whoami", whoamiSchema);
  if (!who.ok)
    return fail(
      "API key",
      who.error.kind === "unauthorized"
        ? `The worker refused the key: ${who.error.message}`
        : `Could not check the key: ${who.error.message}`,
    );
  const scope = who.data.scope === "all" ? "every customer" : `${who.data.scope.length} customer(s)`;
  steps.push({
    name: "API key",
    ok: true,
    message: `"${who.data.name}", ${who.data.role} role, for ${scope}`,
  });
  return { ok: steps.every((s) => s.ok), steps, whoami: who.data, abilities: [...ABILITIES[who.data.role]] };
}
