import type { Prng } from "../util/prng.ts";
import { Collection, type Obj } from "./collection.ts";
import type { City } from "./names.ts";
import { MODEL_NAMES, type ModelName, type Org } from "./types.ts";

/** Everything the per-area generators share while building one org. */
export type LocInfo = {
  id: string;
  name: string;
  city: City;
  routingPrefix: string;
  areaCode: string;
  exchange: string;
  nextDid: number;
  nextExt: Map<number, number>;
  floorIds: string[];
  workspaceLocationId: string;
  mainNumber: string;
  /** Calling people of this location, for feature agents. */
  people: Obj[];
};

export type LicenseKey = "professional" | "workspaces" | "basic" | "messaging" | "meetings";

export type GenCtx = {
  rng: Prng;
  org: Org;
  orgIndex: number;
  users: number;
  /** A partner org: admins only, no calling features. */
  lean: boolean;
  locs: LocInfo[];
  licenses: Record<LicenseKey, Obj>;
  roles: Record<"full" | "readonly" | "device" | "user", string>;
};

const EPOCH = Date.UTC(2024, 0, 1);
const POOL_SIZE = 1024;
const timePools = new Map<number, string[]>();

/**
 * A deterministic ISO timestamp some days before the fixed generation epoch. Drawn from a shared pool so
 * that 100,000 people do not each hold their own copies of the same kind of string.
 */
export function isoDaysAgo(ctx: Pick<GenCtx, "rng">, maxDays: number): string {
  let pool = timePools.get(maxDays);
  if (!pool) {
    pool = [];
    const step = (maxDays * 86400_000) / POOL_SIZE;
    for (let i = 0; i < POOL_SIZE; i++)
      pool.push(new Date(EPOCH - Math.round(i * step + ((i * 7919) % 1000))).toISOString());
    timePools.set(maxDays, pool);
  }
  return pool[ctx.rng.int(0, POOL_SIZE - 1)]!;
}

const shared = new Map<string, unknown>();

/**
 * One frozen instance per distinct value, shared by every object that holds it (licence lists, empty arrays,
 * addresses). Writes always replace whole objects, so sharing never leaks a change from one object to another.
 */
export function intern<T>(value: T): T {
  const key = JSON.stringify(value);
  const hit = shared.get(key);
  if (hit !== undefined) return hit as T;
  shared.set(key, Object.freeze(value));
  return value;
}

export function emptyCollections(): Record<ModelName, Collection> {
  const out = {} as Record<ModelName, Collection>;
  for (const name of MODEL_NAMES) out[name] = new Collection(keyFunction(name));
  return out;
}

/** Numbers have no id; location-scoped features reuse ids across locations (their id encodes the name). */
export function keyFunction(name: ModelName): (o: Obj) => string {
  switch (name) {
    case "numbers":
      return (o) => numberKey(o);
    case "callPickups":
    case "callParks":
    case "schedules":
    case "floors":
    case "workspaceLocationFloors":
      return (o) => `${String(o.locationId)}|${String(o.id)}`;
    default:
      return (o) => String(o.id);
  }
}

export function numberKey(o: Obj): string {
  const phone = typeof o.phoneNumber === "string" ? o.phoneNumber : "";
  if (phone) return phone;
  const loc = o.location && typeof o.location === "object" ? String((o.location as Obj).id) : "";
  return `${loc}#${String(o.extension)}`;
}

export function nextDid(loc: LocInfo): string {
  const n = loc.nextDid++;
  return `+1${loc.areaCode}${loc.exchange}${String(n).padStart(4, "0")}`;
}

/** Next free extension in the block that starts at `base` (people 1000+, workspaces 6000+, features 7000+). */
export function nextExt(loc: LocInfo, base: number): string {
  const n = loc.nextExt.get(base) ?? base;
  loc.nextExt.set(base, n + 1);
  return String(n);
}

/** "+14085267209" → "+1 408 526 7209", the way /people shows work numbers. */
export function displayNumber(e164: string): string {
  return `${e164.slice(0, 2)} ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;
}

export function addNumber(
  ctx: GenCtx,
  loc: LocInfo,
  fields: { phoneNumber: string; extension?: string; owner?: Obj; state?: string; mainNumber?: boolean },
): Obj {
  const row: Obj = { phoneNumber: fields.phoneNumber };
  if (fields.extension !== undefined) {
    row.extension = fields.extension;
    row.routingPrefix = loc.routingPrefix;
    row.esn = loc.routingPrefix + fields.extension;
  }
  row.state = fields.state ?? "ACTIVE";
  row.phoneNumberType = "PRIMARY";
  row.mainNumber = fields.mainNumber ?? false;
  row.includedTelephonyTypes = "PSTN_NUMBER";
  row.tollFreeNumber = false;
  row.isServiceNumber = false;
  row.location = { id: loc.id, name: loc.name };
  if (fields.owner) row.owner = fields.owner;
  return ctx.org.collections.numbers.add(row);
}
