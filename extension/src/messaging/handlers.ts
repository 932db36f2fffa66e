import { settingsItem } from "../settings/settings.ts";
import { createWorkerClient } from "../worker-api/client.ts";
import type { Handlers } from "./protocol.ts";

/** The background's answers to each message. `fetchImpl` is injected so tests need no network. */
export function createHandlers(fetchImpl: typeof fetch = fetch): Handlers {
  const client = async () => {
    const { workerUrl, apiKey } = await settingsItem.getValue();
    return createWorkerClient({ baseUrl: workerUrl, apiKey, fetch: fetchImpl });
  };
  return {
    "worker.health": async () => (await client()).health(),
  };
}
