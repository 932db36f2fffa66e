/** A stored Webex object, kept in the exact JSON shape the API serves. */
export type Obj = Record<string, unknown>;

/** Ordered objects of one model in one org, with O(1) lookup by key. */
export class Collection {
  readonly items: Obj[] = [];
  private readonly index = new Map<string, Obj>();
  private readonly derived = new Map<string, { version: number; value: unknown }>();
  /** Bumped on every change, so derived indexes know when to rebuild. */
  version = 0;

  constructor(readonly keyOf: (o: Obj) => string = (o) => String(o.id)) {}

  get size(): number {
    return this.items.length;
  }

  get(key: string): Obj | undefined {
    return this.index.get(key);
  }

  add(o: Obj): Obj {
    const key = this.keyOf(o);
    if (this.index.has(key)) throw new Error(`duplicate key ${key}`);
    this.items.push(o);
    this.index.set(key, o);
    this.version++;
    return o;
  }

  /** Replaces the object with the same key, keeping its position in the list order. */
  put(o: Obj): Obj {
    const key = this.keyOf(o);
    const old = this.index.get(key);
    if (old) this.items[this.items.indexOf(old)] = o;
    else this.items.push(o);
    this.index.set(key, o);
    this.version++;
    return o;
  }

  remove(key: string): boolean {
    const old = this.index.get(key);
    if (!old) return false;
    this.items.splice(this.items.indexOf(old), 1);
    this.index.delete(key);
    this.version++;
    return true;
  }

  /** A value computed from the items, cached until the collection changes. */
  memo<T>(name: string, build: (items: Obj[]) => T): T {
    const hit = this.derived.get(name);
    if (hit && hit.version === this.version) return hit.value as T;
    const value = build(this.items);
    this.derived.set(name, { version: this.version, value });
    return value;
  }

  /** Objects grouped by the string value of a top-level field. */
  byField(field: string): Map<string, Obj[]> {
    return this.groupBy(`by:${field}`, (o) =>
      typeof o[field] === "string" ? (o[field] as string) : undefined,
    );
  }

  /** Objects grouped by a field value (e.g. devices by personId), cached until the collection changes. */
  groupBy(name: string, keyOf: (o: Obj) => string | undefined): Map<string, Obj[]> {
    return this.memo(name, (items) => {
      const out = new Map<string, Obj[]>();
      for (const o of items) {
        const k = keyOf(o);
        if (k === undefined) continue;
        const list = out.get(k);
        if (list) list.push(o);
        else out.set(k, [o]);
      }
      return out;
    });
  }
}

export const str = (o: Obj, key: string): string | undefined => {
  const v = o[key];
  return typeof v === "string" ? v : undefined;
};

export const nested = (o: Obj, key: string): Obj | undefined => {
  const v = o[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
};
