/**
 * @module logs/write
 * Adds entries to the log. Logging never breaks the work it describes: a failed insert is reported to the
 * worker's own log and swallowed.
 */
import { lt, sql } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import { type LogEntry, logs } from "./schema.ts";

export const normaliseMac = (mac: string) => mac.replace(/[^0-9a-f]/gi, "").toUpperCase();

// 14 columns per row: D1 binds at most 100 parameters per statement.
const ROWS_PER_INSERT = 7;

export async function writeLogs(services: Pick<Services, "db" | "now">, entries: LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = services.now().toISOString();
  const rows = entries.map((e) => ({
    ...e,
    at: e.at ?? at,
    message: e.message.slice(0, 4000),
    mac: e.mac ? normaliseMac(e.mac) : null,
  }));
  try {
    const statements = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      statements.push(services.db.insert(logs).values(rows.slice(i, i + ROWS_PER_INSERT)));
    const [first, ...rest] = statements;
    if (first) await services.db.batch([first, ...rest]);
  } catch (error) {
    console.error(
      JSON.stringify({ level: "error", msg: "could not write log entries", error: String(error) }),
    );
  }
}

export const writeLog = (services: Pick<Services, "db" | "now">, entry: LogEntry) =>
  writeLogs(services, [entry]);

/**
 * One entry as a statement, for a batch that must not happen unlogged (a SIP password rotated or revealed):
 * unlike writeLogs, a failure here fails the batch.
 */
export function logStatement(services: Pick<Services, "db" | "now">, entry: LogEntry) {
  return services.db.insert(logs).values({
    ...entry,
    at: entry.at ?? services.now().toISOString(),
    message: entry.message.slice(0, 4000),
    mac: entry.mac ? normaliseMac(entry.mac) : null,
  });
}

/** Deletes entries older than the retention, in slices so one tick never holds D1 for long. */
export async function pruneLogs(
  services: Pick<Services, "db">,
  before: Date,
  maxSlices = 20,
): Promise<number> {
  let removed = 0;
  for (let i = 0; i < maxSlices; i++) {
    const result = await services.db.run(
      sql`DELETE FROM ${logs} WHERE ${logs.id} IN (SELECT ${logs.id} FROM ${logs} WHERE ${lt(logs.at, before.toISOString())} LIMIT 5000)`,
    );
    const changes = result.meta.changes ?? 0;
    removed += changes;
    if (changes < 5000) break;
  }
  return removed;
}
