/**
 * @module csv/stream
 * A CSV file as a lazy sequence of text chunks, one per page of rows: the caller pulls, a page is fetched,
 * so a 100,000-row export starts at once and never holds more than one page.
 */
import { csvRow, readableName } from "./encode.ts";

export type CsvColumn<Row> = {
  /** The field's API name; the header shows its readable form unless `header` is given. */
  name: string;
  header?: string;
  value?: (row: Row) => unknown;
};

export type CsvOptions = {
  /** A UTF-8 byte order mark first, so Excel on Windows reads non-Latin names correctly. */
  bom?: boolean;
};

export async function* csvChunks<Row extends Record<string, unknown>>(
  columns: readonly CsvColumn<Row>[],
  pages: AsyncIterable<readonly Row[]>,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  yield (options.bom ? "\uFEFF" : "") + csvRow(columns.map((c) => c.header ?? readableName(c.name)));
  for await (const page of pages) {
    if (page.length === 0) continue;
    let chunk = "";
    for (const row of page) chunk += csvRow(columns.map((c) => (c.value ? c.value(row) : row[c.name])));
    yield chunk;
  }
}

/** Walks a cursor-paginated list to its end, one page at a time. */
export async function* everyPage<Item>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: Item[]; nextCursor: string | null }>,
): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
