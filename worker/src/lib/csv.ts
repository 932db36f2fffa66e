/**
 * @module csv
 * Streams a CSV export as the reader pulls it: each pull fetches one page from D1, so the first bytes leave
 * at once and memory holds one page, whatever the size of the file.
 */

import { z } from "@hono/zod-openapi";
import { type CsvColumn, csvChunks } from "@wxsync/core/csv";
import type { Context } from "hono";

export const bomParam = z
  .enum(["true", "false"], { error: "must be true or false" })
  .optional()
  .openapi({ description: "`true` starts the file with a UTF-8 byte order mark, for Excel on Windows." });

export const csvContent = {
  "text/csv": {
    schema: z.string().openapi({ description: "RFC 4180, UTF-8, CRLF line ends, one header row." }),
  },
};

/** "Acme Corp" + "User" → "Acme-Corp_User_2026-11-24.csv": customer, what, and the date. */
export function csvFileName(parts: (string | null | undefined)[], now: Date): string {
  const slug = (s: string) =>
    s
      .normalize("NFKC")
      .replace(/[^\p{L}\p{N}._-]+/gu, "-")
      .replace(/^-+|-+$/g, "");
  return `${[...parts.filter((p): p is string => !!p).map(slug), now.toISOString().slice(0, 10)].join("_")}.csv`;
}

function contentDisposition(fileName: string): string {
  // An ASCII fallback for old clients, and the exact UTF-8 name (RFC 6266 / 5987) for the rest.
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function csvResponse<Row extends Record<string, unknown>>(
  c: Context,
  input: {
    fileName: string;
    columns: readonly CsvColumn<Row>[];
    pages: AsyncIterable<readonly Row[]>;
    bom?: boolean;
  },
): Response {
  const chunks = csvChunks(input.columns, input.pages, { bom: input.bom });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          // Headers are gone already: the best signal left is a broken download, never a silently short file.
          console.error(
            JSON.stringify({
              level: "error",
              msg: "csv export failed",
              requestId: c.get("requestId"),
              error: String(error),
            }),
          );
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(input.fileName),
      "cache-control": "no-store",
      "x-request-id": c.get("requestId") ?? "",
    },
  });
}
