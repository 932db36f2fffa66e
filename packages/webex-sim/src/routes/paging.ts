import type { Obj } from "../tenant/collection.ts";
import { badRequest } from "../util/errors.ts";
import { base64NoPad, decodeBase64 } from "../util/ids.ts";

/**
 * offset: `start`/`max` (telephony, devices, workspaces); cursor: opaque `after` (people, rooms, teams,
 * locations); scim: 1-based `startIndex`/`count` (groups); none: everything in one response.
 */
export type PagingStyle = "offset" | "cursor" | "scim" | "none";

export type PageSpec = { style: PagingStyle; defaultMax: number; maxMax: number };

/** How the next link is spoiled when a fault asks for it. */
export type PageFaults = { nextDropsQuery?: boolean; truncate?: boolean };

export type Page = { items: Obj[]; total: number; start: number; next?: string; count: number };

function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`Invalid value for parameter ${name}: ${raw}`);
  return n;
}

function decodeCursor(raw: string | null): number {
  if (raw === null || raw === "") return 0;
  const m = decodeBase64(raw)?.match(/^offset:(\d+)$/);
  if (!m) throw badRequest("Invalid paging cursor");
  return Number(m[1]);
}

/** Reads the page window the request asks for, clamped to the endpoint's documented limits. */
export function pageWindow(url: URL, spec: PageSpec, maxCap?: number): { start: number; max: number } {
  if (spec.style === "none") return { start: 0, max: Number.POSITIVE_INFINITY };
  const limit = Math.min(spec.maxMax, maxCap ?? Number.POSITIVE_INFINITY);
  const rawMax = intParam(url, spec.style === "scim" ? "count" : "max");
  const max = Math.max(1, Math.min(rawMax ?? spec.defaultMax, limit));
  if (spec.style === "scim") return { start: Math.max(1, intParam(url, "startIndex") ?? 1) - 1, max };
  if (spec.style === "cursor") return { start: decodeCursor(url.searchParams.get("after")), max };
  return { start: intParam(url, "start") ?? 0, max };
}

/**
 * One page of `source` (optionally filtered) without copying more than the page. Returns the `next` URL with the
 * whole original query and the paging parameter moved on.
 */
export function paginate(
  url: URL,
  linkBase: string,
  source: readonly Obj[],
  spec: PageSpec,
  filter?: (o: Obj) => boolean,
  faults: PageFaults = {},
  maxCap?: number,
): Page {
  const { start, max } = pageWindow(url, spec, maxCap);
  let items: Obj[];
  let total: number;
  if (!filter) {
    total = source.length;
    items = source.slice(start, start + max);
  } else {
    items = [];
    total = 0;
    for (const o of source) {
      if (!filter(o)) continue;
      if (total >= start && items.length < max) items.push(o);
      total++;
    }
  }
  let served = items.length;
  if (faults.truncate && items.length > 1) {
    served = Math.ceil(items.length / 2);
    items = items.slice(0, served);
  }
  const nextStart = start + served;
  let next: string | undefined;
  if (spec.style !== "none" && nextStart < total && served > 0) {
    const params = new URLSearchParams(faults.nextDropsQuery ? "" : url.search);
    if (spec.style === "scim") params.set("startIndex", String(nextStart + 1));
    else if (spec.style === "cursor") params.set("after", base64NoPad(`offset:${nextStart}`));
    else params.set("start", String(nextStart));
    if (faults.nextDropsQuery) {
      const sizeName = spec.style === "scim" ? "count" : "max";
      const size = url.searchParams.get(sizeName);
      if (size !== null) params.set(sizeName, size);
    }
    next = `${linkBase}${url.pathname}?${params.toString()}`;
  }
  return { items, total, start, next, count: served };
}
