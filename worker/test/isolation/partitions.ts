/**
 * The database cut by owner: every row of every table belongs to a customer (`c:<id>`), a partner
 * (`p:<id>`), an API key scope (`k:<scope>|<role>`), the audit trail of successful requests (`audit`) or
 * everyone (`g`). Ownership is read from the columns, not listed by hand, so a table added tomorrow is covered:
 * `customer_id`, `owner_type`/`owner_id`, `partner_id`, or a parent row (`run_id` → sync_runs, `job_id` →
 * sip_rotation_jobs).
 *
 * Two views of the same cut:
 * - a change log: triggers on every table record the owner of each row inserted, deleted or really changed
 *   (an UPDATE that leaves every column as it was is not a change), so each request's writes are known exactly
 *   and cheaply (one small batch per request instead of reading the whole database twice);
 * - a fingerprint: each (table, owner) slice as one JSON text built by SQLite, taken before and after a whole
 *   run to prove the change log saw every slice that changed.
 * The triggers' own rows count in D1's `meta.changes`; the worker reads that only when pruning logs (cron), and
 * claims rows with RETURNING, which triggers do not touch.
 */
import { env } from "cloudflare:workers";
import { tables as allTables, columns, quote } from "../fuzz/db-snapshot.ts";

const LOG = "_iso_changes";

/** The worker's tables, without the change log itself. */
const tables = async () => (await allTables()).filter((t) => !t.startsWith("_iso"));

export type Fingerprint = Map<string, string>;

/**
 * The audit middleware's entry for a successful change ("POST /api/v1/... by API key "x" (201)"). It is written
 * after the answer (waitUntil), so it may land during the next request; it says only what the answer's status
 * already said, so it is kept apart instead of being counted against whichever request comes next.
 */
const audit = (t: string) =>
  `${t}.kind = 'action' AND ${t}.message GLOB '* /api/v1/* by API key "*" ([0-9][0-9][0-9])'`;

/** The owner of a row as SQL; `t` is the row: the table's name, or NEW / OLD in a trigger. */
function ownerSql(table: string, cols: string[], t = quote(table)): string {
  const has = (c: string) => cols.includes(c);
  if (table === "customers") return `'c:' || ${t}.id`;
  if (table === "partners") return `'p:' || ${t}.id`;
  if (table === "api_keys") return `'k:' || coalesce(${t}.customer_scope, 'all') || '|' || ${t}.role`;
  if (has("owner_type") && has("owner_id"))
    return `(CASE ${t}.owner_type WHEN 'customer' THEN 'c:' WHEN 'partner' THEN 'p:' ELSE ${t}.owner_type || ':' END) || ${t}.owner_id`;
  const cases: string[] = [];
  if (table === "logs" && has("kind") && has("message")) cases.push(`WHEN ${audit(t)} THEN 'audit'`);
  if (has("customer_id")) cases.push(`WHEN ${t}.customer_id IS NOT NULL THEN 'c:' || ${t}.customer_id`);
  if (has("partner_id")) cases.push(`WHEN ${t}.partner_id IS NOT NULL THEN 'p:' || ${t}.partner_id`);
  if (!has("customer_id") && has("run_id"))
    cases.push(
      `WHEN ${t}.run_id IS NOT NULL THEN coalesce('c:' || (SELECT r.customer_id FROM sync_runs r WHERE r.id = ${t}.run_id), 'g')`,
    );
  if (!has("customer_id") && has("job_id"))
    cases.push(
      `WHEN ${t}.job_id IS NOT NULL THEN coalesce('c:' || (SELECT j.customer_id FROM sip_rotation_jobs j WHERE j.id = ${t}.job_id), 'g')`,
    );
  return cases.length ? `(CASE ${cases.join(" ")} ELSE 'g' END)` : `'g'`;
}

let statements: { table: string; sql: string }[] | null = null;

/** One statement per table: its rows grouped by owner, each group one JSON array in a stable order. */
async function plan() {
  if (statements) return statements;
  const planned: { table: string; sql: string }[] = [];
  for (const table of await tables()) {
    const cols = await columns(table);
    const values = cols.map((c) => `quote(${quote(table)}.${quote(c)})`).join(", ");
    const order = cols.map((c) => `${quote(table)}.${quote(c)}`).join(", ");
    planned.push({
      table,
      sql: `SELECT ${ownerSql(table, cols)} AS owner, json_group_array(json_array(${values}) ORDER BY ${order}) AS rows FROM ${quote(table)} GROUP BY owner`,
    });
  }
  statements = planned;
  return planned;
}

export async function fingerprint(): Promise<Fingerprint> {
  const planned = await plan();
  const results = await env.DB.batch(planned.map((s) => env.DB.prepare(s.sql)));
  const out: Fingerprint = new Map();
  results.forEach((result, i) => {
    for (const row of result.results as { owner: string; rows: string }[]) {
      out.set(`${planned[i]!.table} ${row.owner}`, row.rows);
    }
  });
  return out;
}

/** The slices that differ, as "table owner" labels. */
export function changedSlices(before: Fingerprint, after: Fingerprint): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** How many rows a slice holds (to say "3 → 4 rows" in a report). */
export function sliceRows(print: Fingerprint, slice: string): number {
  const text = print.get(slice);
  return text ? (JSON.parse(text) as unknown[]).length : 0;
}

/**
 * Installs the change log: a table and three triggers per worker table. The UPDATE trigger fires only when a
 * column other than the ones mere use changes (db-snapshot's USE_COLUMNS: a key's last use) really changed, and
 * records both the old and the new owner, so a row moved from one customer to another counts for both.
 */
export async function installChangeLog() {
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${LOG} (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, owner TEXT NOT NULL, op TEXT NOT NULL)`,
  ];
  for (const table of await tables()) {
    const cols = await columns(table);
    const name = (op: string) => quote(`_iso_${table}_${op}`);
    const entry = (row: "NEW" | "OLD", op: string) =>
      `('${table.replaceAll("'", "''")}', ${ownerSql(table, cols, row)}, '${op}')`;
    const same = cols.map((c) => `OLD.${quote(c)} IS NEW.${quote(c)}`).join(" AND ");
    statements.push(
      `CREATE TRIGGER ${name("ins")} AFTER INSERT ON ${quote(table)} BEGIN INSERT INTO ${LOG} (tbl, owner, op) VALUES ${entry("NEW", "insert")}; END`,
      `CREATE TRIGGER ${name("del")} AFTER DELETE ON ${quote(table)} BEGIN INSERT INTO ${LOG} (tbl, owner, op) VALUES ${entry("OLD", "delete")}; END`,
      `CREATE TRIGGER ${name("upd")} AFTER UPDATE ON ${quote(table)} WHEN NOT (${same}) BEGIN INSERT INTO ${LOG} (tbl, owner, op) VALUES ${entry("OLD", "update")}, ${entry("NEW", "update")}; END`,
    );
  }
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

/** The slices ("table owner") written since the last call, with how many rows, and forgets them. */
export async function takeChanges(): Promise<Map<string, number>> {
  const [read] = await env.DB.batch([
    env.DB.prepare(`SELECT tbl, owner, count(*) AS n FROM ${LOG} GROUP BY tbl, owner`),
    env.DB.prepare(`DELETE FROM ${LOG}`),
  ]);
  const out = new Map<string, number>();
  for (const row of read!.results as { tbl: string; owner: string; n: number }[])
    out.set(`${row.tbl} ${row.owner}`, row.n);
  return out;
}
