/**
 * One cell of the isolation matrix: an operation, a key and a target. This module decides what the cell
 * must answer (from the table row and R1–R7), sends it, and judges everything around the answer: the status,
 * the error envelope, a refusal read exactly like a missing resource, no other customer's data in the body or
 * headers, no request reaching Webex for an org outside the key's scope, and no row outside its scope changed.
 */
import type { ApiKeyRole } from "@wxsync/core/api-keys";
import type { LoggedRequest } from "@wxsync/webex-sim";
import { call } from "../helpers.ts";
import { SIM } from "../sim.ts";
import type { Ctx, Row, Target } from "./table.ts";
import type { CustomerLabel, Headers, World, WorldKey } from "./world.ts";

/** R1: viewer < operator < admin. */
export const RANK: Record<ApiKeyRole, number> = { viewer: 0, operator: 1, admin: 2 };
const roleAllows = (role: ApiKeyRole, needed: ApiKeyRole) => RANK[role] >= RANK[needed];

export type Expectation =
  | { allowed: true; statuses: number[] }
  | { allowed: false; status: 403 | 404; code: "FORBIDDEN" | "NOT_FOUND"; why: string; names?: string };

export type KeySpec = { role: ApiKeyRole; scope: "all" | CustomerLabel[] };

/**
 * What the cell must answer, from the row and R1–R4, by labels only (the key's role and the customers it sees),
 * so the whole matrix can be counted before the world exists.
 */
export function expectation(row: Row, key: KeySpec, target: Target): Expectation {
  const ok = (): Expectation => ({
    allowed: true,
    statuses: typeof row.ok === "function" ? row.ok(target) : row.ok,
  });
  if (row.kind === "public") return ok();
  if (row.role && !roleAllows(key.role, row.role))
    return { allowed: false, status: 403, code: "FORBIDDEN", why: `R1: needs ${row.role}` };
  const all = key.scope === "all";
  const sees = (label: string) => all || key.scope.includes(label as CustomerLabel);
  switch (row.kind) {
    case "self":
    case "list":
      return ok();
    case "global":
      return all
        ? ok()
        : { allowed: false, status: 403, code: "FORBIDDEN", why: "R3: needs an unscoped admin" };
    case "partner":
      return all
        ? ok()
        : { allowed: false, status: 404, code: "NOT_FOUND", why: "R3: no partners for scoped keys" };
    case "keys":
      // R2: keys made or revoked here are viewers, so only the scope can put one out of reach.
      if (all || (target.label !== "all" && sees(target.label))) return ok();
      return row.creates
        ? {
            allowed: false,
            status: 403,
            code: "FORBIDDEN",
            why: "R2: scope outside its own",
            names: "body.scope",
          }
        : { allowed: false, status: 404, code: "NOT_FOUND", why: "R2: key outside its scope" };
    case "customer":
      if (target.label === "S+T")
        return { allowed: false, status: 404, code: "NOT_FOUND", why: "sub-resource of another customer" };
      return sees(target.label)
        ? ok()
        : { allowed: false, status: 404, code: "NOT_FOUND", why: "R4: customer outside its scope" };
  }
}

export type Sent = {
  url: string;
  method: string;
  status: number;
  text: string;
  headers: string;
  json: unknown;
  /** The request as text (path, query, body), so what the caller sent itself is not counted as a leak. */
  echo: string;
};

export async function send(
  method: string,
  template: string,
  ctx: Ctx,
  headers: Headers,
  req: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; headers?: Headers },
  row: Row,
): Promise<Sent> {
  let path = template.replace("{id}", encodeURIComponent(ctx.pathId));
  for (const [name, value] of Object.entries(req.params ?? {}))
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  const query = { ...(req.query ?? {}) };
  if (row.customerInQuery) query.customerId = ctx.pathId;
  const qs = new URLSearchParams(query).toString();
  const url = qs ? `${path}?${qs}` : path;
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const res = await call(url, {
    method,
    headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}), ...(req.headers ?? {}) },
    body,
    redirect: "manual",
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // CSV, HTML: judged as text.
  }
  const shown = ["content-disposition", "location", "link"].map((h) => res.headers.get(h) ?? "").join("\n");
  return {
    url,
    method,
    status: res.status,
    text,
    headers: shown,
    json,
    echo: `${decodeURIComponent(url)}\n${body ?? ""}`,
  };
}

type ErrorBody = { error?: { code?: string; message?: string } };
const errorOf = (sent: Sent) => (sent.json as ErrorBody | null)?.error;

/** Judges the status and, for a refusal, its envelope (pages for a browser are judged by status only). */
export function judgeAnswer(sent: Sent, expected: Expectation, page = false): string[] {
  if (expected.allowed) {
    return expected.statuses.includes(sent.status)
      ? []
      : [`answered ${sent.status}, expected ${expected.statuses.join("/")}: ${sent.text.slice(0, 240)}`];
  }
  const problems: string[] = [];
  if (sent.status !== expected.status)
    problems.push(
      `answered ${sent.status}, expected ${expected.status} (${expected.why}): ${sent.text.slice(0, 240)}`,
    );
  else if (!page) {
    const error = errorOf(sent);
    if (error?.code !== expected.code) problems.push(`error code ${error?.code}, expected ${expected.code}`);
    if (expected.names && !error?.message?.includes(expected.names))
      problems.push(`the refusal does not name ${expected.names}: ${error?.message}`);
    if (expected.why.startsWith("R3: needs an unscoped") && !/all customers/i.test(error?.message ?? ""))
      problems.push(`the refusal does not say it needs a key for all customers: ${error?.message}`);
  }
  return problems;
}

/** R4: a refusal for something outside the key's scope reads exactly like the answer for a missing one. */
export function judgeLikeMissing(sent: Sent, missing: Sent, realId: string, missingId: string): string[] {
  const a = errorOf(sent);
  const b = errorOf(missing);
  const norm = (text: string | undefined, id: string) => (text ?? "").replaceAll(id, "<id>");
  if (
    sent.status !== missing.status ||
    a?.code !== b?.code ||
    norm(a?.message, realId) !== norm(b?.message, missingId)
  )
    return [
      `reads unlike a missing one: ${sent.status} ${a?.code} "${a?.message}" vs ${missing.status} ${b?.code} "${b?.message}"`,
    ];
  return [];
}

/** Text that must never reach a key: every identifier of what lies outside its scope. */
export function foreignTokens(world: World, key: WorldKey): string[] {
  if (key.scope === "all") return [];
  const scope = key.scope;
  const tokens: string[] = [];
  for (const c of Object.values(world.customers)) {
    if (scope.includes(c.id)) continue;
    tokens.push(
      c.name,
      c.org.id,
      c.org.uuid,
      c.org.displayName,
      c.domain,
      c.userId,
      c.locationId,
      ...c.recordIds,
    );
  }
  const { P, Q } = world.partners;
  tokens.push(
    Q.id,
    Q.name,
    Q.orgUuid,
    world.partnerOrg.id,
    world.partnerOrg.uuid,
    world.partnerOrg.displayName,
  );
  tokens.push(...P.enterprises.map((e) => e.id), P.bwJobId ?? "");
  for (const other of [...Object.values(world.keys), world.spanKey]) {
    const within = other.scope !== "all" && other.scope.every((id) => scope.includes(id));
    if (other.id !== key.id && (!within || RANK[other.role] > RANK[key.role])) tokens.push(other.id);
  }
  return [...new Set(tokens.filter(Boolean).map((t) => t.toLowerCase()))];
}

/** (a) No other customer's (or partner's, or key's) identifier in the answer, unless the caller sent it. */
export function judgeLeaks(sent: Sent, tokens: string[]): string[] {
  const seen = `${sent.text}\n${sent.headers}`.toLowerCase();
  const echo = sent.echo.toLowerCase();
  const leaked = tokens.filter((t) => seen.includes(t) && !echo.includes(t));
  return leaked.length ? [`the answer contains ${leaked.map((t) => JSON.stringify(t)).join(", ")}`] : [];
}

let lastSeq = 0;

/** The Webex requests made since the last call. */
export async function simRequests(): Promise<LoggedRequest[]> {
  const res = await fetch(`${SIM}/_sim/requests?after=${lastSeq}`);
  if (!res.ok) throw new Error(`the simulator has no request log: ${res.status} ${await res.text()}`);
  const log = await res.json<{ items: LoggedRequest[]; last: number }>();
  lastSeq = log.last;
  return log.items;
}

function uuidOfOrgId(orgId: string | null): string | null {
  if (!orgId) return null;
  if (/^[0-9a-f-]{36}$/i.test(orgId)) return orgId.toLowerCase();
  try {
    const text = atob(
      orgId
        .replaceAll("-", "+")
        .replaceAll("_", "/")
        .padEnd(Math.ceil(orgId.length / 4) * 4, "="),
    );
    return text.split("/").at(-1)?.toLowerCase() ?? null;
  } catch {
    return null;
  }
}

const OAUTH = new Set(["/v1/access_token", "/v1/authorize"]);

/**
 * (b) Nothing reached Webex for an org outside the key's scope: no write, and no read of another customer's
 * org either. Reading the partner's managed-organization list (R6) is the one partner request a customer's
 * work may make.
 */
export function judgeWebex(requests: LoggedRequest[], world: World, key: WorldKey): string[] {
  if (key.scope === "all") return [];
  const scope = key.scope;
  const allowed = new Set(
    Object.values(world.customers)
      .filter((c) => scope.includes(c.id))
      .map((c) => c.org.uuid.toLowerCase()),
  );
  const problems: string[] = [];
  for (const r of requests) {
    if (OAUTH.has(r.path)) continue;
    const org = r.actingOrgUuid ?? uuidOfOrgId(r.orgId) ?? r.tokenOrgUuid;
    if (org && allowed.has(org.toLowerCase())) continue;
    if (r.method === "GET" && r.path === "/v1/organizations" && org === world.partnerOrg.uuid) continue;
    const write = !["GET", "HEAD"].includes(r.method);
    problems.push(
      `${write ? "wrote" : "read"} at Webex for org ${org ?? "unknown"}: ${r.method} ${r.path} (${r.status})`,
    );
  }
  return problems;
}

/** The database slices a key may change: its customers', its own keys' (R2), and the audit trail. */
function mayChange(slice: string, key: WorldKey): boolean {
  if (key.scope === "all") return true;
  const owner = slice.slice(slice.indexOf(" ") + 1);
  if (owner === "audit") return true;
  if (owner.startsWith("c:")) return key.scope.includes(owner.slice(2));
  if (owner.startsWith("k:")) {
    const bar = owner.lastIndexOf("|");
    const scopeText = owner.slice(2, bar);
    const role = owner.slice(bar + 1);
    if (scopeText === "all") return false;
    const scope = JSON.parse(scopeText) as string[];
    return scope.every((id) => key.scope.includes(id)) && RANK[role as ApiKeyRole] <= RANK[key.role];
  }
  return false;
}

/** (c) No row outside the key's scope changed: `changed` is the change log's slices with their row counts. */
export function judgeDatabase(changed: Map<string, number>, key: WorldKey): string[] {
  const foreign = [...changed].filter(([slice]) => !mayChange(slice, key));
  return foreign.length
    ? [`changed rows outside its scope: ${foreign.map(([slice, n]) => `${slice} (${n})`).join(", ")}`]
    : [];
}
