/**
 * @module sync/d1-store
 * The engine's storage on D1. Every statement passes its rows as one JSON parameter read with json_each, so a
 * page of any size costs one statement and never meets D1's 100-bound-parameter limit; statements are sent in
 * batches that stay well under D1's statement size.
 */
import type { ModelName } from "@wxsync/core/models";
import { type Change, MODEL_SPECS, type StoredRow, type SyncRow, type SyncStore } from "@wxsync/core/sync";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { snake, tableName } from "./tables.ts";

/** Rows per statement: payloads are a few kB, so this keeps each JSON parameter far below D1's 2 MB value limit. */
const ROWS_PER_STATEMENT = 200;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type RawRow = { id: string; hash: string; label: string | null; payload: string };
const toStored = (row: RawRow): StoredRow => ({
  id: row.id,
  hash: row.hash,
  label: row.label,
  payload: JSON.parse(row.payload),
});

export function createD1Store(
  db: Db,
  scope: { customerId: string; runId: string },
  now: () => Date,
): SyncStore & { rowsWritten: () => number } {
  const { customerId, runId } = scope;
  const table = (model: ModelName) => sql.identifier(tableName(model));
  let written = 0;

  return {
    rowsWritten: () => written,

    async existing(model, ids) {
      const out = new Map<string, StoredRow>();
      for (const part of chunks(ids, 1000)) {
        const rows = await db.all<RawRow>(
          sql`SELECT id, hash, label, payload FROM ${table(model)} WHERE customer_id = ${customerId} AND id IN (SELECT value FROM json_each(${JSON.stringify(part)}))`,
        );
        for (const row of rows) out.set(row.id, toStored(row));
      }
      return out;
    },

    async write(model, rows: SyncRow[]) {
      if (rows.length === 0) return;
      const columns = Object.keys(MODEL_SPECS[model].columns);
      const names = [
        "customer_id",
        "id",
        "label",
        "hash",
        "payload",
        "first_seen_at",
        "changed_at",
        ...columns.map(snake),
      ];
      const stamp = now().toISOString();
      const statements = chunks(rows, ROWS_PER_STATEMENT).map((part) => {
        const json = JSON.stringify(
          part.map((row) => ({
            id: row.id,
            label: row.label,
            hash: row.hash,
            payload: JSON.stringify(row.payload),
            c: columns.map((name) => row.columns[name] ?? null),
          })),
        );
        const values = columns.map((_, i) => sql.raw(`json_extract(value, '$.c[${i}]')`));
        const update = names
          .filter((n) => n !== "customer_id" && n !== "id" && n !== "first_seen_at")
          .map((n) => sql.raw(`${n} = excluded.${n}`));
        return db.run(sql`INSERT INTO ${table(model)} (${sql.join(
          names.map((n) => sql.identifier(n)),
          sql`, `,
        )})
          SELECT ${customerId}, json_extract(value, '$.id'), json_extract(value, '$.label'), json_extract(value, '$.hash'),
                 json_extract(value, '$.payload'), ${stamp}, ${stamp}${columns.length ? sql`, ` : sql``}${sql.join(values, sql`, `)}
          FROM json_each(${json}) WHERE true
          ON CONFLICT (customer_id, id) DO UPDATE SET ${sql.join(update, sql`, `)}`);
      });
      await Promise.all(statements);
      written += rows.length;
    },

    async markSeen(model, ids) {
      for (const part of chunks(ids, 2000)) {
        await db.run(
          sql`INSERT OR IGNORE INTO sync_seen (run_id, model, item_id) SELECT ${runId}, ${model}, value FROM json_each(${JSON.stringify(part)})`,
        );
      }
    },

    async unseen(model) {
      const rows = await db.all<RawRow>(
        sql`SELECT id, hash, label, payload FROM ${table(model)} WHERE customer_id = ${customerId}
            AND id NOT IN (SELECT item_id FROM sync_seen WHERE run_id = ${runId} AND model = ${model})`,
      );
      return rows.map(toStored);
    },

    async remove(model, ids) {
      for (const part of chunks(ids, 2000)) {
        await db.run(
          sql`DELETE FROM ${table(model)} WHERE customer_id = ${customerId} AND id IN (SELECT value FROM json_each(${JSON.stringify(part)}))`,
        );
      }
    },

    async count(model) {
      const [row] = await db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM ${table(model)} WHERE customer_id = ${customerId}`,
      );
      return row?.n ?? 0;
    },

    async readAll(model) {
      const rows = await db.all<{ payload: string }>(
        sql`SELECT payload FROM ${table(model)} WHERE customer_id = ${customerId} ORDER BY id`,
      );
      return rows.map((row) => JSON.parse(row.payload));
    },

    async lookup(model, ids) {
      const out = new Map<string, Record<string, unknown>>();
      if (ids.length === 0) return out;
      for (const part of chunks([...new Set(ids)], 1000)) {
        const rows = await db.all<{ id: string; payload: string }>(
          sql`SELECT id, payload FROM ${table(model)} WHERE customer_id = ${customerId} AND id IN (SELECT value FROM json_each(${JSON.stringify(part)}))`,
        );
        for (const row of rows) out.set(row.id, JSON.parse(row.payload));
      }
      return out;
    },

    async recordChanges(changes: Change[]) {
      const at = now().toISOString();
      for (const part of chunks(changes, ROWS_PER_STATEMENT)) {
        const json = JSON.stringify(
          part.map((c) => ({ m: c.model, i: c.itemId, l: c.label, k: c.kind, f: JSON.stringify(c.fields) })),
        );
        await db.run(sql`INSERT INTO sync_changes (run_id, customer_id, model, item_id, label, kind, fields, at)
          SELECT ${runId}, ${customerId}, json_extract(value, '$.m'), json_extract(value, '$.i'), json_extract(value, '$.l'),
                 json_extract(value, '$.k'), json_extract(value, '$.f'), ${at}
          FROM json_each(${json}) WHERE true
          ON CONFLICT (run_id, model, item_id) DO UPDATE SET kind = excluded.kind, fields = excluded.fields, label = excluded.label`);
      }
    },
  };
}
