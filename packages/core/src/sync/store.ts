/**
 * @module sync/store
 * What the engine needs from storage, so the same engine runs on D1 in the worker and in memory in tests
 * and benchmarks. A store is bound to one customer and one run.
 */
import type { ModelName } from "../models/catalog.ts";
import type { FieldChange } from "./canonical.ts";
import type { Item } from "./item.ts";
import type { ColumnValue } from "./specs/index.ts";

export type SyncRow = {
  id: string;
  hash: string;
  label: string | null;
  payload: Item;
  columns: Record<string, ColumnValue>;
};
export type StoredRow = { id: string; hash: string; label: string | null; payload: Item };

export type Change = {
  model: ModelName;
  itemId: string;
  label: string | null;
  kind: "added" | "updated" | "removed";
  fields: FieldChange[];
};

export interface SyncStore {
  /** Stored rows among `ids` (with their payloads, for field-level change reports). */
  existing(model: ModelName, ids: string[]): Promise<Map<string, StoredRow>>;
  /** Inserts or replaces rows. */
  write(model: ModelName, rows: SyncRow[]): Promise<void>;
  /** Records that these ids were listed by this run (the basis of safe removal). */
  markSeen(model: ModelName, ids: string[]): Promise<void>;
  /** Stored rows this run's listing did not contain. */
  unseen(model: ModelName): Promise<StoredRow[]>;
  remove(model: ModelName, ids: string[]): Promise<void>;
  count(model: ModelName): Promise<number>;
  /** Every stored payload of a model (parents of per-location lists, derived models, licences). */
  readAll(model: ModelName): Promise<Item[]>;
  /** Stored payloads by id (device and number owners). */
  lookup(model: ModelName, ids: string[]): Promise<Map<string, Item>>;
  /** Idempotent per (model, item): a page processed twice after a resume records its changes once. */
  recordChanges(changes: Change[]): Promise<void>;
}

/** A store in memory: for tests, benchmarks and dry runs. */
export function createMemoryStore() {
  const tables = new Map<ModelName, Map<string, SyncRow>>();
  const seen = new Map<ModelName, Set<string>>();
  const changes = new Map<string, Change>();
  const table = (model: ModelName) => {
    const existing = tables.get(model);
    if (existing) return existing;
    const created = new Map<string, SyncRow>();
    tables.set(model, created);
    return created;
  };
  let writes = 0;
  const store: SyncStore & {
    tables: typeof tables;
    changes: () => Change[];
    rowsWritten: () => number;
    newRun: () => void;
  } = {
    tables,
    changes: () => [...changes.values()],
    rowsWritten: () => writes,
    /** Forgets what the previous run saw and changed, keeping the data, like a new run on the same database. */
    newRun: () => {
      seen.clear();
      changes.clear();
      writes = 0;
    },
    async existing(model, ids) {
      const t = table(model);
      const out = new Map<string, StoredRow>();
      for (const id of ids) {
        const row = t.get(id);
        if (row) out.set(id, row);
      }
      return out;
    },
    async write(model, rows) {
      const t = table(model);
      for (const row of rows) t.set(row.id, structuredClone(row));
      writes += rows.length;
    },
    async markSeen(model, ids) {
      const s = seen.get(model) ?? new Set<string>();
      seen.set(model, s);
      for (const id of ids) s.add(id);
    },
    async unseen(model) {
      const s = seen.get(model) ?? new Set();
      return [...table(model).values()].filter((row) => !s.has(row.id));
    },
    async remove(model, ids) {
      const t = table(model);
      for (const id of ids) t.delete(id);
    },
    async count(model) {
      return table(model).size;
    },
    async readAll(model) {
      return [...table(model).values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((row) => row.payload);
    },
    async lookup(model, ids) {
      const t = table(model);
      return new Map(ids.flatMap((id) => (t.has(id) ? [[id, t.get(id)!.payload] as const] : [])));
    },
    async recordChanges(list) {
      for (const change of list) changes.set(`${change.model}:${change.itemId}`, change);
    },
  };
  return store;
}
