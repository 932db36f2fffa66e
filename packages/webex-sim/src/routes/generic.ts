import type { Hono } from "hono";
import { MODELS, type ModelDef, pick } from "../models/registry.ts";
import type { SimState } from "../state.ts";
import type { Collection, Obj } from "../tenant/collection.ts";
import type { Org } from "../tenant/types.ts";
import { notFound } from "../util/errors.ts";
import { actingOrg, type Ctx, type Env, linkBase, requireScope, sendCachedPage } from "./context.ts";
import { locateObject } from "./locate.ts";
import { paginate } from "./paging.ts";

/** The list filter for a request: query-parameter filters, plus the location in the path when there is one. */
export function requestFilter(def: ModelDef, c: Ctx): ((o: Obj) => boolean) | undefined {
  const checks: ((o: Obj) => boolean)[] = [];
  const locationId = c.req.param("locationId");
  if (locationId) checks.push((o) => o.locationId === locationId);
  for (const [name, f] of Object.entries(def.filters ?? {})) {
    const v = c.req.query(name);
    if (v !== undefined && v !== "") checks.push((o) => f(o, v));
  }
  if (checks.length === 0) return undefined;
  return (o) => checks.every((check) => check(o));
}

/**
 * The objects a list request can match: when an exact-match filter on an indexed field is given (e.g. devices by
 * personId), only that field's bucket, so per-person queries on 100,000-user orgs need no full scan.
 */
export function candidates(def: ModelDef, c: Ctx, coll: Collection): readonly Obj[] {
  for (const [name, f] of Object.entries(def.filters ?? {})) {
    const v = c.req.query(name);
    if (!f.field || v === undefined || v === "") continue;
    return coll.byField(f.field).get(v) ?? [];
  }
  return coll.items;
}

/** A location id in a path must name a location of the org (or one that a stored object claims). */
export function assertLocation(org: Org, locationId: string | undefined, items: readonly Obj[]): void {
  if (!locationId) return;
  if (org.collections.locations.get(locationId)) return;
  if (items.some((o) => o.locationId === locationId)) return;
  throw notFound("location");
}

export function listHandler(sim: SimState, def: ModelDef) {
  return (c: Ctx) => {
    requireScope(c, def.scopes);
    const org = actingOrg(sim, c);
    const coll = org.collections[def.model];
    assertLocation(org, c.req.param("locationId"), coll.items);
    const source = candidates(def, c, coll);
    const url = new URL(c.req.url);
    const page = paginate(
      url,
      linkBase(sim, c),
      source,
      def.paging,
      requestFilter(def, c),
      c.get("pageFaults"),
    );
    return sendCachedPage(c, def.itemsKey, page, `${def.model}:list`, (o) => pick(o, def.listKeys));
  };
}

export function findDetail(sim: SimState, def: ModelDef, c: Ctx): { org: Org; obj: Obj } {
  requireScope(c, def.scopes);
  const id = c.req.param("id") ?? "";
  const locationId = c.req.param("locationId");
  const type = c.req.param("type");
  for (const key of locationId ? [`${locationId}|${id}`, id] : [id]) {
    let found: { org: Org; obj: Obj };
    try {
      found = locateObject(sim, c, def.model, key);
    } catch {
      continue;
    }
    if (locationId && found.obj.locationId !== locationId) break;
    if (type && found.obj.type !== type) break;
    return found;
  }
  throw notFound();
}

/** List and detail routes for every registry model, except those with their own routes (`skip`). */
export function registerGeneric(app: Hono<Env>, sim: SimState, skip: ReadonlySet<string> = new Set()): void {
  for (const def of MODELS) {
    if (skip.has(def.model)) continue;
    app.get(def.listPath, listHandler(sim, def));
    if (def.detailPath) {
      app.get(def.detailPath, (c) => c.json(pick(findDetail(sim, def, c).obj, def.detailKeys)));
    }
  }
}
