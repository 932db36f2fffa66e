/**
 * @module etag
 * ETags on JSON reads: a client that sends `If-None-Match` with the tag it has gets 304 and no body when
 * nothing changed (the extension polls status this way). Streamed exports are left alone: hashing them
 * would mean holding the whole file.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";

async function tagOf(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  let hex = "";
  for (const byte of digest.subarray(0, 16)) hex += byte.toString(16).padStart(2, "0");
  return `W/"${hex}"`;
}

const matches = (header: string | undefined, tag: string) =>
  !!header && header.split(",").some((t) => t.trim() === "*" || t.trim() === tag || `W/${t.trim()}` === tag);

export const etag = (): MiddlewareHandler<AppEnv> =>
  async function etag(c, next) {
    await next();
    if (c.req.method !== "GET" || c.res.status !== 200) return;
    if (!c.res.headers.get("content-type")?.startsWith("application/json")) return;
    const body = await c.res.clone().arrayBuffer();
    const tag = await tagOf(body);
    if (matches(c.req.header("if-none-match"), tag)) {
      const headers = new Headers(c.res.headers);
      headers.delete("content-type");
      headers.delete("content-length");
      headers.set("etag", tag);
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    c.res.headers.set("etag", tag);
  };
