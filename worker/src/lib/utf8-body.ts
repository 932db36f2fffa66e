/**
 * @module utf8-body
 * Refuses JSON bodies that are not UTF-8. `Request.json()` decodes bad bytes as U+FFFD without complaint,
 * so without this a name or a note would be stored quietly garbled instead of sent back to be fixed.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";
import { errorResponse } from "./errors.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export const utf8JsonBodies = (): MiddlewareHandler<AppEnv> =>
  async function utf8JsonBodies(c, next) {
    if (/\bjson\b/i.test(c.req.header("content-type") ?? "")) {
      // Hono keeps the bytes, so the JSON validator later parses the same body without reading it again.
      const bytes = await c.req.arrayBuffer();
      try {
        strictUtf8.decode(bytes);
      } catch {
        return errorResponse(c, "BAD_REQUEST", "body: is not valid UTF-8; send JSON encoded as UTF-8.");
      }
    }
    await next();
  };
