/**
 * @module services
 * What a request or a cron tick works with, built from the validated environment plus injected
 * dependencies. Tests inject the Webex simulator's `fetch` and a movable clock; production uses the defaults.
 */
import { createDb } from "../db/client.ts";
import type { AppBindings } from "../env.ts";
import { createVault, type Vault } from "../vault/vault.ts";

export type WorkerDeps = {
  /** How the worker reaches Webex (WEBEX_API_BASE). Defaults to the global fetch. */
  webexFetch?: typeof fetch;
  /** How the worker reaches the notification webhook. Defaults to the global fetch. */
  webhookFetch?: typeof fetch;
  now?: () => Date;
  /** Waits between Webex retries. */
  sleep?: (ms: number) => Promise<void>;
};

// Importing AES keys costs a little; one vault per set of key material per isolate is enough.
const vaults = new Map<string, Vault>();

function vaultFor(env: AppBindings): Vault {
  const cacheKey = `${env.TOKEN_ENCRYPTION_KEY_VERSION}:${env.TOKEN_ENCRYPTION_KEY}:${JSON.stringify(env.TOKEN_ENCRYPTION_PREVIOUS_KEYS)}`;
  let vault = vaults.get(cacheKey);
  if (!vault) {
    const previous = Object.fromEntries(
      Object.entries(env.TOKEN_ENCRYPTION_PREVIOUS_KEYS).map(([v, k]) => [Number(v), k]),
    );
    vault = createVault({
      version: env.TOKEN_ENCRYPTION_KEY_VERSION,
      key: env.TOKEN_ENCRYPTION_KEY,
      previous,
    });
    vaults.set(cacheKey, vault);
  }
  return vault;
}

export function createServices(env: AppBindings, deps: WorkerDeps = {}) {
  return {
    env,
    db: createDb(env.DB),
    vault: vaultFor(env),
    webexFetch: deps.webexFetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
    webhookFetch: deps.webhookFetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep,
  };
}

export type Services = ReturnType<typeof createServices>;
