/**
 * Test helpers: a simulator instance with one customer org and a token for it, reached through its
 * public HTTP surface only (the Webex API and its /_sim control API).
 */
import { createSimulator } from "@wxsync/webex-sim";
import type { SyncOptions } from "./state.ts";

export const TOKEN = "test-customer-token";

export async function simFor(users: number, extra: Parameters<typeof createSimulator>[0] = {}) {
  const sim = createSimulator({
    customers: [users],
    latencyMs: 0,
    jitterMs: 0,
    rateLimit: false,
    presetTokens: [{ token: TOKEN, org: 0 }],
    ...extra,
  });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(new Request(input, init))) as typeof globalThis.fetch;
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await sim.fetch(
      new Request(`http://sim.test/_sim${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
  };
  const orgs = (await control("GET", "/orgs"))!.items as { ref: string; id: string }[];
  const orgId = orgs.find((o) => o.ref === "0")!.id;
  const objects = async (model: string) =>
    (await control("GET", `/orgs/0/${model}`))!.items as Record<string, unknown>[];
  return {
    sim,
    fetch,
    control,
    orgId,
    objects,
    webex: { baseUrl: "http://sim.test/v1", token: () => TOKEN, fetch, sleep: async () => {} },
  };
}

export const FULL: SyncOptions = {
  quickImport: false,
  refreshExisting: true,
  allowAdd: true,
  allowUpdate: true,
  allowRemove: true,
};
export const QUICK: SyncOptions = { ...FULL, quickImport: true };
