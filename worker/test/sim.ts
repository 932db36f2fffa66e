/**
 * Drives the Webex simulator that answers the worker's outbound requests (see vitest.config.ts), through its
 * public surface only: the Webex API and the /_sim control API.
 */
import { expect, vi } from "vitest";
import { call } from "./helpers.ts";

export const SIM = "http://webex-sim.test";

export async function sim<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${SIM}/_sim${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sim ${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? {} : await res.json()) as T;
}

export type SimOrg = { ref: string; id: string; uuid: string; displayName: string; adminEmail: string };

export async function simOrgs(): Promise<SimOrg[]> {
  return (await sim<{ items: SimOrg[] }>("GET", "/orgs")).items;
}

export async function simObjects(org: string, model: string) {
  return (await sim<{ items: Record<string, unknown>[] }>("GET", `/orgs/${org}/${model}`)).items;
}

/** Runs "Connect to Webex Control Hub" the way a browser does, consenting as an administrator of `asOrg` (a uuid). */
export async function connect(path: string, headers: Record<string, string>, asOrg: string) {
  const link = await call(path, { headers: { ...headers, accept: "application/json" } });
  expect(link.status).toBe(200);
  const { authorizeUrl } = await link.json<{ authorizeUrl: string }>();
  const consent = await fetch(`${authorizeUrl}&sim_auto_consent=${encodeURIComponent(asOrg)}`, {
    redirect: "manual",
  });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get("location")!);
  return call(`${back.pathname}${back.search}`);
}

export async function createCustomer(
  headers: Record<string, string>,
  name: string,
  orgUuid: string,
  extra: Record<string, unknown> = {},
) {
  const res = await call("/api/v1/customers", {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ name, organizationId: orgUuid, ...extra }),
  });
  expect(res.status).toBe(201);
  return res.json<{ id: string; name: string }>();
}

type Run = {
  id: string;
  status: string;
  models: {
    model: string;
    added: number;
    updated: number;
    removed: number;
    status: string;
    pendingRemovals: number;
  }[];
  totals: Record<string, number>;
};

/** Waits for a run to stop (succeeded, failed, awaiting approval...). */
export async function waitForRun(
  customerId: string,
  runId: string,
  headers: Record<string, string>,
  timeout = 25_000,
): Promise<Run> {
  return vi.waitFor(
    async () => {
      const run = await (
        await call(`/api/v1/customers/${customerId}/runs/${runId}`, { headers })
      ).json<Run>();
      if (run.status === "queued" || run.status === "running")
        throw new Error(`run ${runId} still ${run.status}`);
      return run;
    },
    { timeout, interval: 100 },
  );
}
