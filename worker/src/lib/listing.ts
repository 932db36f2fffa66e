/**
 * @module listing
 * One way to page, sort and filter every list of the API: `limit`, an opaque `cursor` (the `nextCursor` of
 * the previous page), `sort=name` or `sort=-name`, and filters by field name. Keyset pagination on
 * (sort value, id) so a page costs the same at row 100 as at row 100,000, and rows written meanwhile
 * neither repeat nor vanish.
 */
import { z } from "@hono/zod-openapi";
import { type AnyColumn, and, asc, desc, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { ApiError } from "./errors.ts";

export const MAX_PAGE = 1000;

export const pageLimit = (fallback = 100) =>
  z
    // Digits only: "+1", "0x10" or "1e3" are not page sizes, though Number() would take them.
    .preprocess(
      (value) => (typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : value),
      z
        .number({ error: "must be a whole number" })
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(MAX_PAGE, `must be at most ${MAX_PAGE}`),
    )
    .default(fallback)
    .openapi({
      type: "integer",
      minimum: 1,
      maximum: MAX_PAGE,
      description: `Items per page, 1-${MAX_PAGE}.`,
    });

/**
 * What a cursor carries: the sort it was issued for, the last row's sort value and its id. Parsed, not cast:
 * a caller can send any JSON, and an object or array reaching the SQL would be a server error, not a 400.
 */
const CursorShape = z.strictObject({
  s: z.string().max(200),
  v: z.union([z.string(), z.number(), z.null()]),
  id: z.union([z.string(), z.number()]),
});
type Cursor = z.infer<typeof CursorShape>;

// base64url of UTF-8 JSON: opaque to callers, safe in a query string without escaping.
function encode(c: Cursor): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(JSON.stringify(c))) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The cursor `value` encodes, or null when it is not one this API issued (any other text, JSON or shape). */
function readCursor(value: string): Cursor | null {
  let json: unknown;
  try {
    const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return null;
  }
  const parsed = CursorShape.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export const cursorParam = z
  .string()
  .max(2000, "is not a cursor this API issued")
  // Checked here, with the other parameters, so every list refuses a forged cursor the same way.
  .refine((value) => readCursor(value) !== null, "is not a cursor this API issued")
  .optional()
  .openapi({ description: "`nextCursor` of the previous page; absent for the first page." });

/** `sort` accepting each listed field, ascending or with `-` descending. */
export const sortParam = <const Name extends string>(names: readonly [Name, ...Name[]], fallback: string) =>
  z
    .enum(
      [...names, ...names.map((n) => `-${n}` as const)] as [Name | `-${Name}`, ...(Name | `-${Name}`)[]],
      {
        error: `must be one of ${names.join(", ")} (prefix - to sort descending)`,
      },
    )
    .optional()
    .openapi({ description: `Field to sort by, \`-field\` for descending. Default: ${fallback}.` });

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `cursor` for the next page; null at the end." }),
  });

function decode(value: string, sortName: string): Cursor {
  const c = readCursor(value);
  if (!c) throw new ApiError("BAD_REQUEST", "query.cursor: is not a cursor this API issued");
  if (c.s !== sortName)
    throw new ApiError(
      "BAD_REQUEST",
      `query.cursor: was issued for sort=${c.s}; start again without a cursor`,
    );
  return c;
}

/** A row's sort value as a cursor carries it: SQLite's own scalar types (booleans are stored as 1 and 0). */
function sortValue(value: unknown, sortName: string): Cursor["v"] {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  throw new Error(`sort=${sortName} reads a ${typeof value}; a cursor holds text or numbers only`);
}

export type Keyset = {
  where: SQL | undefined;
  orderBy: SQL[];
  /** Cuts the `limit + 1` rows fetched into a page and the cursor after it. */
  page: <Row extends Record<string, unknown>>(
    rows: Row[],
    limit: number,
  ) => { items: Row[]; nextCursor: string | null };
};

/**
 * The WHERE and ORDER BY continuing after `cursor`, for `sort` over `columns` (keyed by the row's field
 * names), with `id` breaking ties. Fetch `limit + 1` rows and hand them to `page`.
 */
export function keyset(options: {
  columns: Record<string, AnyColumn | SQL>;
  /** Unique per row: a key column, or an expression over several. */
  id: AnyColumn | SQL;
  idField?: string;
  sort: string | undefined;
  defaultSort: string;
  cursor: string | undefined;
}): Keyset {
  const sort = options.sort ?? options.defaultSort;
  const sortName = sort.replace(/^-/, "");
  // Own keys only: `sort=constructor` must not find Object.prototype's member and sort by it.
  const column = Object.hasOwn(options.columns, sortName) ? options.columns[sortName] : undefined;
  if (!column)
    throw new ApiError(
      "BAD_REQUEST",
      `query.sort: cannot sort by ${sortName}; use one of ${Object.keys(options.columns).join(", ")}`,
    );
  const descending = sort.startsWith("-");
  const id = options.id;
  const after = (left: AnyColumn | SQL, value: unknown) =>
    descending ? sql`${left} < ${value}` : sql`${left} > ${value}`;
  let where: SQL | undefined;
  if (options.cursor) {
    const c = decode(options.cursor, sort);
    where =
      c.v === null
        ? // NULLs sort first ascending, last descending (SQLite): continue within the NULLs, then past them.
          descending
          ? and(sql`${column} IS NULL`, after(id, c.id))
          : or(sql`${column} IS NOT NULL`, and(sql`${column} IS NULL`, after(id, c.id)))
        : or(
            after(column, c.v),
            and(sql`${column} = ${c.v}`, after(id, c.id)),
            descending ? sql`${column} IS NULL` : undefined,
          );
  }
  const idField = options.idField ?? "id";
  return {
    where,
    orderBy: [descending ? desc(column) : asc(column), descending ? desc(id) : asc(id)],
    page: (rows, limit) => {
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next =
        rows.length > limit && last
          ? encode({ s: sort, v: sortValue(last[sortName], sortName), id: last[idField] as string | number })
          : null;
      return { items, nextCursor: next };
    },
  };
}

/** Exact-match filters from the query (`undefined` = not filtered; `""` = the field is empty). */
export function equalities(filters: Record<string, unknown>, columns: Record<string, AnyColumn>): SQL[] {
  const out: SQL[] = [];
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    const column = Object.hasOwn(columns, name) ? columns[name] : undefined;
    if (!column) continue;
    out.push(value === "" ? sql`${column} IS NULL` : sql`${column} = ${value}`);
  }
  return out;
}

/** Case-insensitive (ASCII) "contains" on a text column, with `%` and `_` taken literally. */
export function contains(column: AnyColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** `sort`, `limit` and `cursor` for a list sorted by one of `names`. */
export const pagingShape = <const Name extends string>(
  names: readonly [Name, ...Name[]],
  fallback: string,
) => ({
  sort: sortParam(names, fallback),
  limit: pageLimit(100),
  cursor: cursorParam,
});

/**
 * One page of a table's rows: the keyset for `sort`/`cursor`, the caller's filters, `limit + 1` rows fetched,
 * cut into the page and its cursor. Every plain list of the API reads through here.
 */
export async function pagedRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  options: Parameters<typeof keyset>[0] & { limit: number; where?: (SQL | undefined)[] },
): Promise<{ items: T["$inferSelect"][]; nextCursor: string | null }> {
  const k = keyset(options);
  const rows: T["$inferSelect"][] = await db
    .select()
    .from(table as SQLiteTable)
    .where(and(...(options.where ?? []), k.where))
    .orderBy(...k.orderBy)
    .limit(options.limit + 1)
    .all();
  return k.page(rows, options.limit);
}
