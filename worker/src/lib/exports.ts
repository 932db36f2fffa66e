/**
 * @module exports
 * Every list has a CSV twin at the same path plus `.csv`, with the same filters and sort: this derives the
 * twin's OpenAPI route from the list's, so the two cannot drift apart.
 */
import type { RouteConfig } from "@hono/zod-openapi";
import { csvContent } from "./csv.ts";
import { errorResponses } from "./openapi.ts";

/**
 * The twin's method, path, docs and responses; the caller adds `request` — the list's query without
 * `limit`/`cursor`, plus `bomParam` — so validated types flow through `createRoute` unchanged.
 */
export function csvTwin<const P extends string>(
  route: { path: P; tags?: string[]; security?: RouteConfig["security"] },
  summary: string,
) {
  return {
    method: "get" as const,
    path: `${route.path}.csv` as `${P}.csv`,
    tags: route.tags,
    security: route.security,
    summary,
    description:
      "The whole list as one CSV file, streamed as it is read: the same filters and sort as the JSON list, " +
      "readable column names, lists in one cell, formula-like cells prefixed with an apostrophe.",
    responses: {
      200: { description: "CSV file (Content-Disposition names it)", content: csvContent },
      ...errorResponses,
      404: {
        description: "No such customer (or not in the API key's scope)",
        content: errorResponses[401].content,
      },
    },
  };
}
