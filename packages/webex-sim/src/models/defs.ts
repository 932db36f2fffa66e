import type { PagingStyle } from "../routes/paging.ts";
import { nested, type Obj, str } from "../tenant/collection.ts";
import type { ModelName } from "../tenant/types.ts";

export const SCOPES = {
  orgs: ["spark-admin:organizations_read"],
  roles: ["spark-admin:roles_read"],
  licenses: ["spark-admin:licenses_read"],
  locations: ["spark-admin:locations_read", "spark-admin:people_read", "spark-admin:devices_read"],
  telephony: ["spark-admin:telephony_config_read"],
  people: ["spark-admin:people_read"],
  workspaces: ["spark-admin:workspaces_read"],
  workspaceLocations: ["spark-admin:workspace_locations_read"],
  devices: ["spark-admin:devices_read"],
  groups: ["identity:groups_read", "identity:groups_rw"],
  teams: ["spark:teams_read", "spark-compliance:teams_read"],
  rooms: ["spark:rooms_read", "spark-compliance:rooms_read"],
};

export type Filter = ((o: Obj, value: string) => boolean) & { field?: string };

export type ModelDef = {
  model: ModelName;
  listPath: string;
  /** Detail path; `:id` is the object's id, `:locationId` must match the object's location. */
  detailPath?: string;
  itemsKey: string;
  paging: { style: PagingStyle; defaultMax: number; maxMax: number };
  scopes: string[];
  /** Keys a list item carries (the rest is detail-only); all keys when absent. */
  listKeys?: string[];
  /** Keys a detail response carries; all keys when absent. */
  detailKeys?: string[];
  filters?: Record<string, Filter>;
};

/** Exact match on a top-level field; `field` lets list routes answer it from an index instead of a scan. */
export const eq = (key: string): Filter & { field: string } =>
  Object.assign((o: Obj, v: string) => str(o, key) === v, { field: key });
export const contains =
  (key: string): Filter =>
  (o, v) =>
    (str(o, key) ?? "").toLowerCase().includes(v.toLowerCase());
export const nestedEq =
  (key: string, inner: string): Filter =>
  (o, v) => {
    const n = nested(o, key);
    return n !== undefined && str(n, inner) === v;
  };
export const nestedContains =
  (key: string, inner: string): Filter =>
  (o, v) =>
    (str(nested(o, key) ?? {}, inner) ?? "").toLowerCase().includes(v.toLowerCase());

export const offset = (defaultMax: number, maxMax = Math.max(defaultMax, 1000)) => ({
  style: "offset" as const,
  defaultMax,
  maxMax,
});
export const cursor = (defaultMax: number, maxMax = 1000) => ({
  style: "cursor" as const,
  defaultMax,
  maxMax,
});
export const none = { style: "none" as const, defaultMax: 0, maxMax: 0 };

/** A copy with only the given keys (and no undefined values). */
export function pick(o: Obj, keys: readonly string[] | undefined): Obj {
  const out: Obj = {};
  if (!keys) {
    for (const k in o) if (o[k] !== undefined) out[k] = o[k];
    return out;
  }
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
