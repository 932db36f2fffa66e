/**
 * A fingerprint of everything the worker stores in D1, one SHA-256 per table, so a test can prove that a
 * batch of requests changed nothing and, when it did, say which table moved.
 */
import { env } from "cloudflare:workers";

/**
 * Columns that change whenever the API is merely used, so a refused request may still touch them.
 * `api_keys.last_used_at` is stamped by authentication on every request, before validation runs.
 */
const USE_COLUMNS: Record<string, string[]> = { api_keys: ["last_used_at"] };

/** Tables the worker owns: D1's and SQLite's bookkeeping and the migration log are not its data. */
export async function tables() {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>();
  return results.map((r) => r.name);
}

/** A table's columns in order, without the ones mere use of the API changes (USE_COLUMNS). */
export async function columns(table: string) {
  const { results } = await env.DB.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid")
    .bind(table)
    .all<{ name: string }>();
  const skip = USE_COLUMNS[table] ?? [];
  return results.map((r) => r.name).filter((name) => !skip.includes(name));
}

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function sha256(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return hex(digest);
}

/** BLOBs come back as ArrayBuffers, which JSON would write as `{}` whatever they hold. */
function blobsAsHex(_key: string, value: unknown) {
  if (!(value instanceof ArrayBuffer)) return value;
  return hex(value);
}

export type Snapshot = Record<string, { rows: number; sha256: string }>;

export async function snapshotDatabase(): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const table of await tables()) {
    const cols = (await columns(table)).map(quote).join(", ");
    // Ordering by every column makes the hash independent of the order SQLite happens to return rows in.
    const rows = await env.DB.prepare(`SELECT ${cols} FROM ${quote(table)} ORDER BY ${cols}`).raw();
    snapshot[table] = { rows: rows.length, sha256: await sha256(JSON.stringify(rows, blobsAsHex)) };
  }
  return snapshot;
}

/**
 * A snapshot once the database has stopped moving: work a finished request or run left to `waitUntil`
 * (its log lines, its transaction record) must not be counted against the requests that come next.
 */
export async function settledSnapshot(quietMs = 300, timeoutMs = 10_000): Promise<Snapshot> {
  const deadline = Date.now() + timeoutMs;
  let last = await snapshotDatabase();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = await snapshotDatabase();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    if (Date.now() > deadline) throw new Error("The database kept changing with no requests being made.");
    last = next;
  }
}
