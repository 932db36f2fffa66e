/** Helpers shared by the tests: a quiet simulator (no latency, no rate limit) and authenticated calls. */
import { createSimulator, type Simulator, type SimulatorOptions } from "./app.ts";

export const BASE = "http://sim.test";

export function quietSim(options: SimulatorOptions = {}): Simulator {
  return createSimulator({ profile: "small", latencyMs: 0, rateLimit: false, baseUrl: BASE, ...options });
}

export async function mintToken(sim: Simulator, body: Record<string, unknown> = {}): Promise<string> {
  const res = await sim.request("/_sim/tokens", { method: "POST", body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`mint failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A quiet simulator with one customer org of `users` users, a token, and the org's `orgId=` query. */
export async function customerSim(users: number) {
  const sim = quietSim({ customers: [users] });
  const token = await mintToken(sim);
  const org = sim.sim.tenant.customers[0]!;
  return { sim, token, org, q: `orgId=${org.id}` };
}

/** Calls the simulator like a Webex client: absolute or /v1-relative URL, bearer token. */
export function call(sim: Simulator, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const url = path.startsWith("http") ? path : `${BASE}/v1${path}`;
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  if (init.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  return Promise.resolve(sim.request(url, { ...init, headers }));
}

export async function getJson<T = Record<string, unknown>>(
  sim: Simulator,
  token: string,
  path: string,
): Promise<T> {
  const res = await call(sim, token, path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The `next` URL of a Link header, if any. */
export function nextLink(res: Response): string | undefined {
  return res.headers.get("Link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1];
}

/** Follows Link headers from `path`, collecting the items under `key`. */
export async function walk(
  sim: Simulator,
  token: string,
  path: string,
  key: string,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let url: string | undefined = path;
  let guard = 0;
  while (url) {
    const res = await call(sim, token, url);
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as Record<string, unknown>;
    const items = (body[key] as Record<string, unknown>[] | undefined) ?? [];
    out.push(...items);
    url = items.length ? nextLink(res) : undefined;
    if (++guard > 100_000) throw new Error("pagination does not end");
  }
  return out;
}
