/**
 * The expectations table of the isolation matrix: one row per operation of the OpenAPI document, written by
 * hand so that a route added tomorrow fails the test until someone decides who may call it.
 *
 * Each row says
 * - `role`: the role the route needs (null: no key at all; every key is sent anyway, and changes nothing);
 * - `kind`: what the route belongs to, which decides the answer for a key that may not reach it:
 *   - `customer`: a customer named by `{id}` (or `?customerId=`). Outside the key's scope: 404, exactly like a
 *     missing customer (R4). The id axis is S (own), T (the other customer of the same partner), U (a customer no
 *     partner of S manages) and, for routes with a sub-resource id, "S+T": S's id with T's sub-resource id;
 *   - `partner`: a partner named by `{id}`, or partner-wide. Scoped keys: 404 (R3: partners don't exist for
 *     them). The id axis is P (S's and T's partner) and Q (another partner);
 *   - `global`: needs an unscoped admin. Scoped keys: 403 (R3). No id axis, except DELETE /customers/{id},
 *     which runs on throwaway customers (see `throwaway`);
 *   - `keys`: API key management (R2). The axis is the scope of the key created or revoked: [S], [T], [U], "all".
 *     Outside the caller's scope: 403 naming body.scope (create) or 404 (revoke);
 *   - `list`: a list with no id, filtered by the key's scope (`check` says how);
 *   - `self`: the calling key itself; `public`: no key needed.
 * - `request`: a valid example (path parameters, query, body) so that the cell reaches authorization, not a 400;
 * - `ok`: what an allowed cell answers, by target when it differs (a non-authorization 4xx is named here, e.g.
 *   409 for a sync already finished);
 * - `phase`: `late` or `destructive` rows run after all others (destructive last), so what they change can't
 *   turn another row's answer;
 * - `settle`: waits for the work an accepted request started (a sync run, a bulk rotation, a sync-all job), so
 *   it can't write into the next cell's database check.
 *
 * Precedence when several refusals apply: the role first (403: the route's own `requireRole` runs before it
 * looks at anything), then scope. This keeps R4 exact: a missing customer meets the same role check.
 */
import type { ApiKeyRole } from "@wxsync/core/api-keys";
import { call } from "../helpers.ts";
import {
  type CustomerLabel,
  type Headers,
  makeKey,
  type World,
  type WorldCustomer,
  type WorldKey,
  type WorldPartner,
} from "./world.ts";

export type Kind = "customer" | "partner" | "global" | "keys" | "list" | "self" | "public";

/** The target of one cell: whose id is in the path (or the scope of the key being created or revoked). */
export type Target =
  | { axis: "customer"; label: CustomerLabel | "S+T" }
  | { axis: "partner"; label: "P" | "Q" }
  | { axis: "keys"; label: CustomerLabel | "all" }
  | { axis: "throwaway"; label: "own" | "other" }
  | { axis: "none"; label: "-" };

export type Ctx = {
  world: World;
  key: WorldKey;
  target: Target;
  /** The customer whose id is in the path (S for "S+T"). */
  c: WorldCustomer;
  /** The customer whose sub-resources (data sync, run, device…) are in the path (T for "S+T"). */
  sub: WorldCustomer;
  p: WorldPartner;
  /** A number unique to this cell, for names that must not collide. */
  n: number;
  /** Made by `prepare`: a throwaway record's id, or the id of a key to revoke. */
  made?: string;
  /** What `{id}` is in this cell: the customer's, the partner's, the key's or the throwaway's id. */
  pathId: string;
};

export type Request = {
  /** Path parameters other than the target's `{id}`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Headers;
};

export type Row = {
  role: ApiKeyRole | null;
  kind: Kind;
  request?: (ctx: Ctx) => Request | Promise<Request>;
  ok: number[] | ((target: Target) => number[]);
  /** Customer routes with a sub-resource id also run with S's id and T's sub-resource ("S+T"). */
  subResource?: boolean;
  /** Customer routes whose customer is the `customerId` query parameter instead of `{id}`. */
  customerInQuery?: boolean;
  /** Key management: this route creates a key (refused with 403 naming body.scope, not 404). */
  creates?: boolean;
  /** A page for a browser: refusals are pages too, judged by their status. */
  page?: boolean;
  /** A route the OpenAPI document does not list: why, so the route check can tell it from a forgotten one. */
  undocumented?: string;
  phase?: "late" | "destructive";
  /** Runs before the cell (with the unscoped admin): a throwaway record for a destructive cell. */
  prepare?: (ctx: Ctx, admin: Headers) => Promise<string>;
  /** Destructive customer rows: each cell deletes a customer made for it, in or out of the key's scope. */
  throwaway?: boolean;
  /** After an allowed answer: wait for the work it started. */
  settle?: (ctx: Ctx, body: unknown, admin: Headers) => Promise<void>;
  /** Extra checks on an allowed answer to a scoped key: a problem, or null. */
  check?: (ctx: Ctx, body: unknown) => string | null;
  note?: string;
};

const ok200 = [200];

/** A read of the customer's own data: any role, 200. */
const read: Row = { role: "viewer", kind: "customer", ok: ok200 };

/**
 * A route on one of the customer's records, named by the path parameter `param`: the record is the
 * sub-resource customer's (T's in the S+T cells). `body` and `params` complete the request.
 */
const one = (
  role: ApiKeyRole,
  param: string,
  pick: (c: WorldCustomer) => string,
  rest: Partial<Row> & { body?: unknown; params?: Record<string, string> } = {},
): Row => {
  const { body, params, ...row } = rest;
  return {
    role,
    kind: "customer",
    subResource: true,
    ok: ok200,
    request: (ctx) => ({ params: { ...params, [param]: pick(ctx.sub) }, body }),
    ...row,
  };
};

/** Random MACs: every device created at Webex gets its own. */
function mac(n: number) {
  return `0A${(n & 0xff).toString(16).padStart(2, "0")}${crypto.randomUUID().replaceAll("-", "").slice(0, 8)}`.toUpperCase();
}

const onPartner = (p: number[], q: number[]) => (t: Target) => (t.label === "Q" ? q : p);
const onCustomer = (byLabel: Partial<Record<CustomerLabel, number[]>>, otherwise: number[]) => (t: Target) =>
  byLabel[t.label as CustomerLabel] ?? otherwise;

type Items = { items?: { id?: unknown; scope?: unknown; role?: unknown }[] };
const items = (body: unknown) => ((body ?? {}) as Items).items ?? [];
const rank: Record<string, number> = { viewer: 0, operator: 1, admin: 2 };

/** What the S+T cells must be refused for is the sub-resource; the rest of the request is S's. */
const e1 = (ctx: Ctx) => ctx.p.enterprises[0]?.id ?? ctx.world.partners.P.enterprises[0]!.id;

export type Settlers = {
  run: (ctx: Ctx, body: unknown, admin: Headers) => Promise<void>;
  rotation: (ctx: Ctx, body: unknown, admin: Headers) => Promise<void>;
  bwJob: (ctx: Ctx, body: unknown, admin: Headers) => Promise<void>;
};

export function expectationsTable(settle: Settlers): Record<string, Row> {
  return {
    // ---- public and self ----
    "GET /api/v1/health": { role: null, kind: "public", ok: [200, 503] },
    "GET /api/v1/openapi.json": {
      role: null,
      kind: "public",
      ok: ok200,
      undocumented: "the document itself",
    },
    "GET /": {
      role: "admin",
      kind: "list",
      page: true,
      undocumented: "the status page for a browser: HTTP Basic with the key as password",
      request: (ctx) => ({
        headers: { authorization: `Basic ${btoa(`matrix:${ctx.key.headers.authorization!.slice(7)}`)}` },
      }),
      ok: ok200,
    },
    "GET /api/v1/docs": { role: null, kind: "public", ok: ok200 },
    "GET /oauth/callback": {
      role: null,
      kind: "public",
      ok: [400],
      note: "opened by a browser with Webex's code and state; without them a 400 page, whoever calls",
    },
    "GET /api/v1/whoami": { role: "viewer", kind: "self", ok: ok200 },

    // ---- API keys (R2) ----
    "POST /api/v1/api-keys": {
      role: "admin",
      kind: "keys",
      creates: true,
      request: (ctx) => ({
        body: {
          name: `iso-made-${ctx.n}`,
          role: "viewer",
          scope:
            ctx.target.label === "all" ? "all" : [ctx.world.customers[ctx.target.label as CustomerLabel].id],
        },
      }),
      ok: [201],
    },
    "GET /api/v1/api-keys": {
      role: "admin",
      kind: "list",
      request: () => ({ query: { limit: "100" } }),
      ok: ok200,
      check: (ctx, body) => {
        const scope = ctx.key.scope;
        const outside = items(body).filter(
          (k) =>
            scope !== "all" &&
            (!Array.isArray(k.scope) ||
              !k.scope.every((id) => scope.includes(String(id))) ||
              rank[String(k.role)]! > rank[ctx.key.role]!),
        );
        return outside.length ? `lists ${outside.length} key(s) outside its scope or above its role` : null;
      },
    },
    "DELETE /api/v1/api-keys/{id}": {
      role: "admin",
      kind: "keys",
      phase: "destructive",
      note: "each cell revokes a viewer key made for it with the target scope",
      prepare: async (ctx) => {
        const label = ctx.target.label as CustomerLabel | "all";
        const scope = label === "all" ? "all" : [ctx.world.customers[label].id];
        return (await makeKey(`doomed-${ctx.n}`, "viewer", scope)).id;
      },
      ok: ok200,
    },

    // ---- customers ----
    "GET /api/v1/customers": {
      role: "viewer",
      kind: "list",
      request: () => ({ query: { limit: "100" } }),
      ok: ok200,
      check: (ctx, body) => {
        const scope = ctx.key.scope;
        const outside = items(body).filter((c) => scope !== "all" && !scope.includes(String(c.id)));
        return outside.length ? `lists ${outside.length} customer(s) outside its scope` : null;
      },
    },
    "POST /api/v1/customers": {
      role: "admin",
      kind: "global",
      request: (ctx) => ({
        body: { name: `Iso New ${ctx.n}`, organizationId: crypto.randomUUID(), syncOnCreate: false },
      }),
      ok: [201],
    },
    "GET /api/v1/customers/{id}": read,
    "PATCH /api/v1/customers/{id}": {
      role: "admin",
      kind: "customer",
      request: (ctx) => ({ body: { notes: `isolation matrix cell ${ctx.n}` } }),
      ok: ok200,
    },
    "DELETE /api/v1/customers/{id}": {
      role: "admin",
      kind: "global",
      throwaway: true,
      phase: "destructive",
      note: "each cell deletes a customer made for it: 'own' with a fresh key of the same role scoped to it, 'other' with the key itself",
      ok: [204],
    },
    "GET /api/v1/customers/{id}/connect": {
      role: "admin",
      kind: "customer",
      request: () => ({ headers: { accept: "application/json" } }),
      ok: ok200,
    },
    "POST /api/v1/customers/{id}/tokens/refresh": {
      role: "operator",
      kind: "customer",
      // S and T use their partner's token: nothing of their own to refresh.
      ok: onCustomer({ S: [409], T: [409] }, ok200),
    },
    "PUT /api/v1/customers/{id}/service-app": {
      role: "admin",
      kind: "customer",
      phase: "late",
      note: "tokens minted by the simulator for the customer's own org, so the customer keeps working",
      request: async (ctx) => {
        const res = await fetch("http://webex-sim.test/_sim/tokens", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ org: ctx.c.org.ref }),
        });
        const t = await res.json<{ access_token: string; refresh_token: string }>();
        return {
          body: {
            applicationId: "Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL2lzbw",
            clientId: "iso-client",
            clientSecret: "iso-secret",
            tokens: {
              access_token: t.access_token,
              refresh_token: t.refresh_token,
              expires_in: 1_209_600,
              refresh_token_expires_in: 7_776_000,
            },
          },
        };
      },
      ok: ok200,
    },

    // ---- partners (R3) ----
    "GET /api/v1/partners/{id}/connect": {
      role: "admin",
      kind: "partner",
      request: () => ({ headers: { accept: "application/json" } }),
      ok: ok200,
    },
    "POST /api/v1/partners": {
      role: "admin",
      kind: "partner",
      request: (ctx) => ({ body: { name: `Iso Partner ${ctx.n}`, organizationId: crypto.randomUUID() } }),
      ok: [201],
    },
    "GET /api/v1/partners": {
      role: "viewer",
      kind: "list",
      ok: ok200,
      check: (ctx, body) =>
        ctx.key.scope !== "all" && items(body).length > 0 ? "a scoped key sees partners" : null,
    },
    "GET /api/v1/partners/{id}": { role: "viewer", kind: "partner", ok: ok200 },
    "GET /api/v1/partners/{id}/organizations": {
      role: "operator",
      kind: "partner",
      ok: onPartner(ok200, [409]),
      note: "Q is not connected: 409",
    },
    "POST /api/v1/partners/{id}/customers": {
      role: "admin",
      kind: "partner",
      // Every org P manages is a customer already (S, T, U): a 409 that only an unscoped admin may see.
      request: (ctx) => ({
        body: { organizations: [{ orgId: ctx.world.customers.U.org.id }], syncOnCreate: false },
      }),
      ok: [409],
    },
    "GET /api/v1/partners/{id}/broadworks/enterprises": { role: "viewer", kind: "partner", ok: ok200 },
    "POST /api/v1/partners/{id}/broadworks/refresh": {
      role: "operator",
      kind: "partner",
      ok: onPartner(ok200, [409]),
    },
    "GET /api/v1/partners/{id}/broadworks/enterprises/{enterpriseId}": {
      role: "viewer",
      kind: "partner",
      request: (ctx) => ({ params: { enterpriseId: e1(ctx) } }),
      ok: onPartner(ok200, [404]),
      note: "P's enterprise under Q: 404",
    },
    "PATCH /api/v1/partners/{id}/broadworks/enterprises/{enterpriseId}": {
      role: "operator",
      kind: "partner",
      request: (ctx) => ({
        params: { enterpriseId: e1(ctx) },
        body: { cluster: ctx.world.partners.P.enterprises[0]!.cluster ?? "BWKS-CLUSTER-EAST" },
      }),
      ok: onPartner(ok200, [404]),
    },
    "POST /api/v1/partners/{id}/broadworks/directory-sync": {
      role: "operator",
      kind: "partner",
      // Enabled, so that Sync now and the single-user sync below are accepted by Webex.
      request: (ctx) => ({ body: { enterpriseIds: [e1(ctx)], enabled: true } }),
      ok: onPartner(ok200, [404]),
    },
    "POST /api/v1/partners/{id}/broadworks/enterprises/{enterpriseId}/sync-now": {
      role: "operator",
      kind: "partner",
      request: (ctx) => ({ params: { enterpriseId: e1(ctx) } }),
      ok: onPartner([202], [404]),
    },
    "POST /api/v1/partners/{id}/broadworks/enterprises/{enterpriseId}/external-user": {
      role: "operator",
      kind: "partner",
      request: (ctx) => ({
        params: { enterpriseId: e1(ctx) },
        body: { userId: ctx.world.partners.P.bwUserId },
      }),
      ok: onPartner(ok200, [404]),
    },
    "POST /api/v1/partners/{id}/broadworks/jobs": {
      role: "operator",
      kind: "partner",
      request: (ctx) => ({
        body: { enterpriseIds: [ctx.world.partners.P.enterprises[1]!.id], pollSeconds: 1 },
      }),
      ok: onPartner([202], [404]),
      note: "P's enterprise is not Q's: 404",
      settle: settle.bwJob,
    },
    "GET /api/v1/partners/{id}/broadworks/jobs": { role: "viewer", kind: "partner", ok: ok200 },
    "GET /api/v1/partners/{id}/broadworks/jobs/{jobId}": {
      role: "viewer",
      kind: "partner",
      request: (ctx) => ({ params: { jobId: ctx.world.partners.P.bwJobId! } }),
      ok: onPartner(ok200, [404]),
    },
    "GET /api/v1/partners/{id}/broadworks/last-sync.csv": { role: "viewer", kind: "partner", ok: ok200 },
    "GET /api/v1/partners/{id}/hierarchy": { role: "viewer", kind: "partner", ok: ok200 },
    "GET /api/v1/partners/{id}/hierarchy.csv": { role: "viewer", kind: "partner", ok: ok200 },

    // ---- data syncs, model type lists, schedules ----
    "GET /api/v1/customers/{id}/data-syncs": read,
    "POST /api/v1/customers/{id}/data-syncs": {
      role: "admin",
      kind: "customer",
      request: (ctx) => ({ body: { name: `iso-sync-${ctx.n}`, models: ["Location"] } }),
      ok: [201],
    },
    "PATCH /api/v1/customers/{id}/data-syncs/{syncId}": one("admin", "syncId", (c) => c.syncs.cheap, {
      body: { quickImport: false },
    }),
    "DELETE /api/v1/customers/{id}/data-syncs/{syncId}": {
      role: "admin",
      kind: "customer",
      subResource: true,
      phase: "destructive",
      note: "each cell deletes a data sync made for it on the sub-resource's customer",
      prepare: async (ctx, admin) => {
        const res = await adminSend(`/api/v1/customers/${ctx.sub.id}/data-syncs`, admin, "POST", {
          name: `iso-doomed-${ctx.n}`,
          models: ["Location"],
        });
        return (await res.json<{ id: string }>()).id;
      },
      request: (ctx) => ({ params: { syncId: ctx.made! } }),
      ok: [204],
    },
    "POST /api/v1/customers/{id}/data-syncs/{syncId}/run": one("operator", "syncId", (c) => c.syncs.cheap, {
      ok: [202],
      settle: settle.run,
    }),
    "POST /api/v1/customers/{id}/actions/sync-users": {
      role: "operator",
      kind: "customer",
      ok: [202],
      settle: settle.run,
    },
    "GET /api/v1/model-type-lists": { role: "viewer", kind: "list", ok: ok200 },
    "POST /api/v1/model-type-lists": {
      role: "admin",
      kind: "global",
      request: (ctx) => ({ body: { name: `iso-list-${ctx.n}`, include: ["User"] } }),
      ok: [201],
    },
    "GET /api/v1/customers/{id}/schedules": read,
    "PATCH /api/v1/customers/{id}/schedules/{scheduleId}": one("admin", "scheduleId", (c) => c.scheduleId, {
      body: { enabled: true },
    }),

    // ---- runs, changes, synced data, reports ----
    "GET /api/v1/customers/{id}/runs": read,
    "GET /api/v1/customers/{id}/runs.csv": read,
    "GET /api/v1/customers/{id}/runs/{runId}": one("viewer", "runId", (c) => c.runId),
    "POST /api/v1/customers/{id}/runs/{runId}/approve-deletes": one("operator", "runId", (c) => c.runId, {
      ok: [409],
      note: "the run succeeded: nothing awaits approval (409)",
    }),
    "GET /api/v1/customers/{id}/runs/{runId}/changes": one("viewer", "runId", (c) => c.runId),
    "GET /api/v1/customers/{id}/changes": read,
    "GET /api/v1/customers/{id}/runs/{runId}/changes.csv": one("viewer", "runId", (c) => c.runId),
    "GET /api/v1/customers/{id}/changes.csv": read,
    "GET /api/v1/customers/{id}/models/{model}.csv": {
      ...read,
      request: () => ({ params: { model: "User" } }),
    },
    "GET /api/v1/customers/{id}/number-inventory.csv": read,
    "GET /api/v1/customers/{id}/models/{model}": { ...read, request: () => ({ params: { model: "User" } }) },
    "GET /api/v1/customers/{id}/models/{model}/{itemId}": one("viewer", "itemId", (c) => c.userId, {
      params: { model: "User" },
    }),
    "GET /api/v1/customers/{id}/number-inventory": read,
    "GET /api/v1/customers/{id}/reports/licence-usage": read,
    "GET /api/v1/customers/{id}/reports/licence-usage.csv": read,
    "GET /api/v1/customers/{id}/reports/unassigned-numbers": read,
    "GET /api/v1/customers/{id}/reports/unassigned-numbers.csv": read,
    "GET /api/v1/customers/{id}/reports/stale-devices": read,
    "GET /api/v1/customers/{id}/reports/stale-devices.csv": read,
    "GET /api/v1/customers/{id}/reports/users-missing": read,
    "GET /api/v1/customers/{id}/reports/users-missing.csv": read,

    // ---- partner-managed devices ----
    "GET /api/v1/customers/{id}/hierarchy": read,
    "GET /api/v1/customers/{id}/hierarchy/{locationId}": {
      ...read,
      request: (ctx) => ({ params: { locationId: ctx.c.locationId } }),
    },
    "GET /api/v1/customers/{id}/hierarchy.csv": read,
    "POST /api/v1/customers/{id}/devices/validate-macs": {
      role: "operator",
      kind: "customer",
      request: (ctx) => ({ body: { macs: [mac(ctx.n)] } }),
      ok: ok200,
    },
    "POST /api/v1/customers/{id}/devices": {
      role: "operator",
      kind: "customer",
      request: (ctx) => ({
        body: { mac: mac(ctx.n), model: "DMS Poly VVX 450", personId: ctx.c.userId },
      }),
      ok: [201],
    },
    "POST /api/v1/customers/{id}/devices/{deviceId}/apply-changes": one(
      "operator",
      "deviceId",
      (c) => c.deviceIds[1]!,
    ),
    "GET /api/v1/customers/{id}/devices/{deviceId}/sip-password": one(
      "viewer",
      "deviceId",
      (c) => c.deviceIds[0]!,
    ),
    // Three phones each: the first holds a password set by wxsync (reveal), the second is asked to apply its
    // configuration, the third gets new passwords.
    "POST /api/v1/customers/{id}/devices/{deviceId}/sip-password/rotate": one(
      "operator",
      "deviceId",
      (c) => c.deviceIds[2]!,
      {
        body: { source: "local" },
      },
    ),
    "POST /api/v1/customers/{id}/devices/{deviceId}/sip-password/reveal": one(
      "admin",
      "deviceId",
      (c) => c.deviceIds[0]!,
    ),
    "POST /api/v1/customers/{id}/sip-rotations": {
      role: "operator",
      kind: "customer",
      request: () => ({ body: { source: "local" } }),
      ok: [202],
      settle: settle.rotation,
    },
    "GET /api/v1/customers/{id}/sip-rotations": read,
    "GET /api/v1/customers/{id}/sip-rotations/{jobId}": one("viewer", "jobId", (c) => c.rotationJobId),
    "POST /api/v1/customers/{id}/sip-rotations/{jobId}/cancel": one(
      "operator",
      "jobId",
      (c) => c.rotationJobId,
      {
        ok: [409],
        note: "the job has ended: nothing to cancel (409)",
      },
    ),
    "GET /api/v1/customers/{id}/sip-rotations/{jobId}/devices": one(
      "viewer",
      "jobId",
      (c) => c.rotationJobId,
    ),
    "GET /api/v1/customers/{id}/sip-rotations/{jobId}/devices.csv": one(
      "viewer",
      "jobId",
      (c) => c.rotationJobId,
    ),

    // ---- what happened: the customer is a query parameter ----
    "GET /api/v1/transactions": { ...read, customerInQuery: true },
    "GET /api/v1/transactions.csv": { ...read, customerInQuery: true },
    "GET /api/v1/logs": { ...read, customerInQuery: true },
    "GET /api/v1/logs.csv": { ...read, customerInQuery: true },
    "GET /api/v1/notifications": { role: "viewer", kind: "list", ok: ok200 },
  };
}

/** A JSON request through the worker (for `prepare`). */
async function adminSend(path: string, headers: Headers, method: string, body?: unknown) {
  const res = await call(path, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}
