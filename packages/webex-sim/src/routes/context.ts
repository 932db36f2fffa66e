import type { Context } from "hono";
import type { AccessToken } from "../oauth/tokens.ts";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Org } from "../tenant/types.ts";
import { WebexError } from "../util/errors.ts";
import { orgUuidFromId } from "../util/ids.ts";
import type { Page, PageFaults } from "./paging.ts";

export type Env = {
  Variables: {
    trackingId: string;
    auth: AccessToken;
    pageFaults: PageFaults;
    /** The org `actingOrg` resolved, for the request log. */
    actingOrgUuid: string | undefined;
  };
};

export type Ctx = Context<Env>;

/** 403 unless the token carries one of `scopes`. */
export function requireScope(c: Ctx, scopes: readonly string[]): void {
  const granted = c.get("auth").scopes;
  if (granted.includes("spark:all") && scopes.some((s) => s.startsWith("spark:"))) return;
  if (scopes.some((s) => granted.includes(s))) return;
  throw new WebexError(403, `The request requires one of these scopes: ${scopes.join(", ")}`);
}

/**
 * The org a request acts on: its `orgId` parameter when given (partner tokens may name any customer org),
 * else the token's own org.
 */
export function actingOrg(sim: SimState, c: Ctx, orgIdParam?: string | null): Org {
  const auth = c.get("auth");
  const own = sim.tenant.orgs.get(auth.orgUuid);
  if (!own) throw new WebexError(401, "The organization of this access token no longer exists.");
  const raw = orgIdParam === undefined ? c.req.query("orgId") : orgIdParam;
  const acting = (org: Org) => {
    c.set("actingOrgUuid", org.uuid);
    return org;
  };
  if (!raw) return acting(own);
  const uuid = orgUuidFromId(raw);
  if (!uuid) throw new WebexError(400, `Invalid orgId: ${raw}`);
  if (uuid === own.uuid) return acting(own);
  const target = sim.tenant.orgs.get(uuid);
  if (!own.isPartner || !target)
    throw new WebexError(403, "The user is not authorized to access this organization.");
  return acting(target);
}

export function linkBase(sim: SimState, c: Ctx): string {
  return sim.options.baseUrl ?? new URL(c.req.url).origin;
}

/** Sends a page with its `Link: <...>; rel="next"` header. */
export function sendPage(c: Ctx, key: string, page: Page, items: unknown[], extra: Obj = {}): Response {
  if (page.next) c.header("Link", `<${page.next}>; rel="next"`);
  return c.json({ ...extra, [key]: items });
}

const jsonCaches = new Map<string, WeakMap<Obj, Uint8Array>>();
const encoder = new TextEncoder();

/**
 * The UTF-8 JSON of `view(o)`, cached per stored object and view. Stored objects are never changed in place
 * (writes put new objects), so an entry stays right for as long as its object lives; pages are then assembled by
 * copying bytes instead of serializing and encoding 100 objects per request.
 */
export function cachedJson(o: Obj, viewName: string, view: (o: Obj) => Obj): Uint8Array {
  let cache = jsonCaches.get(viewName);
  if (!cache) {
    cache = new WeakMap();
    jsonCaches.set(viewName, cache);
  }
  let bytes = cache.get(o);
  if (bytes === undefined) {
    bytes = encoder.encode(JSON.stringify(view(o)));
    cache.set(o, bytes);
  }
  return bytes;
}

/** Like sendPage, but assembles the body from each item's cached JSON bytes. */
export function sendCachedPage(
  c: Ctx,
  key: string,
  page: Page,
  viewName: string,
  view: (o: Obj) => Obj,
  extra: Obj = {},
): Response {
  if (page.next) c.header("Link", `<${page.next}>; rel="next"`);
  const head = JSON.stringify(extra).slice(1, -1);
  const open = encoder.encode(`{${head}${head ? "," : ""}${JSON.stringify(key)}:[`);
  const parts = page.items.map((o) => cachedJson(o, viewName, view));
  let size = open.length + 2 + Math.max(0, parts.length - 1);
  for (const p of parts) size += p.length;
  const body = new Uint8Array(size);
  body.set(open, 0);
  let at = open.length;
  for (const [i, p] of parts.entries()) {
    if (i > 0) body[at++] = 44; // ","
    body.set(p, at);
    at += p.length;
  }
  body[at++] = 93; // "]"
  body[at] = 125; // "}"
  c.header("Content-Type", "application/json");
  return c.body(body);
}

/** The request's JSON object body; with `optional`, an empty body reads as `{}` (for bodies the spec marks optional). */
export async function jsonBody(c: Ctx, { optional = false } = {}): Promise<Obj> {
  const text = await c.req.text();
  if (optional && !text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new WebexError(400, "The request body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new WebexError(400, "The request body must be a JSON object.");
  }
  return body as Obj;
}
