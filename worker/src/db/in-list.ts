/**
 * @module db/in-list
 * `column IN (values)` as one bound parameter: D1 allows 100 parameters per statement, and a customer list
 * or an API key's scope can be longer than that.
 */
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

export function inList(column: AnyColumn | SQL, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
