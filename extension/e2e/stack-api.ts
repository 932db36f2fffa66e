/**
 * The browser tests' side door: the worker's API and the simulator's control API, called from Node to set
 * the scene (customers, partners, connections) and to check what the extension showed.
 */
import { inject } from "vitest";

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  key = inject("adminKey"),
): Promise<T> {
  const res = await fetch(`${inject("workerUrl")}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function simControl<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${inject("simUrl")}/_sim${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sim ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type SimOrg = { ref: string; uuid: string; id: string; displayName: string };

/** "Connect to Webex Control Hub" as a browser would, the simulator consenting as an admin of `orgUuid`. */
export async function connectThroughWebex(connectPath: string, orgUuid: string): Promise<void> {
  const { authorizeUrl } = await api<{ authorizeUrl: string }>("GET", connectPath);
  const consent = await fetch(`${authorizeUrl}&sim_auto_consent=${encodeURIComponent(orgUuid)}`, {
    redirect: "manual",
  });
  const back = await fetch(consent.headers.get("location")!);
  if (!back.ok) throw new Error(`connect failed: ${back.status} ${await back.text()}`);
}

/** A wxsync customer for one of the simulator's orgs, connected through Webex's consent page. */
export async function addConnectedCustomer<C extends { id: string }>(name: string, orgRef: string) {
  const orgs = (await simControl<{ items: SimOrg[] }>("GET", "/orgs")).items;
  const org = orgs.find((o) => o.ref === orgRef);
  if (!org) throw new Error(`the simulator has no org ${orgRef}`);
  const customer = await api<C>("POST", "/api/v1/customers", {
    name,
    organizationId: org.uuid,
    syncOnCreate: false,
  });
  await connectThroughWebex(`/api/v1/customers/${customer.id}/connect`, org.uuid);
  return { customer, orgs };
}
