/**
 * @module sync/model-list
 * Reading one model's synced rows as pages: filters on any column, `q` in the label, sort on any column,
 * keyset cursors. The JSON list and its CSV twin both read through here, so they always agree.
 */
import { z } from "@hono/zod-openapi";
import type { ModelName } from "@wxsync/core/models";
import { MODEL_SPECS } from "@wxsync/core/sync";
import { type AnyColumn, and, eq, or, type SQL, sql } from "drizzle-orm";
import { ApiError } from "../lib/errors.ts";
import { contains, cursorParam, keyset, pageLimit } from "../lib/listing.ts";
import type { Services } from "../lib/services.ts";
import { SYNCED_TABLES } from "./tables.ts";

export const ModelListQuery = z
  .object({
    sort: z
      .string()
      .max(100, "must be at most 100 characters")
      .optional()
      .openapi({ description: "A column name; `-name` sorts descending. Default: label." }),
    limit: pageLimit(100),
    cursor: cursorParam,
    q: z
      .string()
      .max(200, "must be at most 200 characters")
      .optional()
      .openapi({ description: "Text contained in the label (name, email, number…)." }),
  })
  .catchall(z.string().max(500, "must be at most 500 characters"))
  .openapi({
    description: "Any other parameter filters on the column of that name, e.g. `locationId=…&state=ACTIVE`.",
  });

/** The validated query; the index signature holds the column filters (and, from CSV, `bom`, ignored). */
export type ModelListInput = { limit: number; cursor?: string | undefined } & {
  [name: string]: string | number | undefined;
};

/** The columns every list item has, in order: the shared ones, then the model's own. */
export const columnsOf = (model: ModelName) => [
  "id",
  "label",
  ...Object.keys(MODEL_SPECS[model].columns),
  "firstSeenAt",
  "changedAt",
];

export function rowView(model: ModelName, row: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const name of columnsOf(model)) out[name] = row[name] ?? null;
  return out;
}

export async function listModelPage(
  services: Pick<Services, "db">,
  model: ModelName,
  customerId: string,
  query: ModelListInput,
) {
  const table = SYNCED_TABLES[model];
  const columns = table as unknown as Record<string, AnyColumn>;
  const allowed = columnsOf(model);
  const { sort: sortValue, limit, cursor, q: qValue, bom: _bom, ...filters } = query;
  const sort = typeof sortValue === "string" ? sortValue : undefined;
  const q = typeof qValue === "string" ? qValue : undefined;
  const conditions: (SQL | undefined)[] = [eq(table.customerId, customerId)];
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    const column = allowed.includes(name) ? columns[name] : undefined;
    if (!column)
      throw new ApiError(
        "BAD_REQUEST",
        `query.${name}: ${model} has no such column; filter on one of ${allowed.join(", ")}`,
      );
    conditions.push(
      value === ""
        ? sql`${column} IS NULL`
        : // Columns keep their JSON type (numbers, booleans as 0/1); a query string is text: match either.
          or(eq(column, value), sql`CAST(${column} AS TEXT) = ${value}`),
    );
  }
  if (q) conditions.push(contains(table.label, q));
  const k = keyset({
    columns: Object.fromEntries(allowed.map((name) => [name, columns[name]!])),
    id: table.id,
    sort,
    defaultSort: "label",
    cursor,
  });
  const rows = (await services.db
    .select()
    .from(table)
    .where(and(...conditions, k.where))
    .orderBy(...k.orderBy)
    .limit(limit + 1)
    .all()) as Record<string, unknown>[];
  const page = k.page(rows, limit);
  return { items: page.items.map((row) => rowView(model, row)), nextCursor: page.nextCursor };
}
