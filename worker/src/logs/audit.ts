/**
 * @module logs/audit
 * Every change made through the API (create, update, delete, run, approve…) becomes an "action" log entry
 * naming the API key that made it. Refused requests change nothing and are not logged.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env.ts";
import { writeLog } from "./write.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const auditActions = (): MiddlewareHandler<AppEnv> =>
  async function auditActions(c, next) {
    await next();
    const principal = c.get("principal");
    if (READS.has(c.req.method) || c.res.status >= 400 || !principal) return;
    const customerId = c.req.path.match(/^\/api\/v1\/customers\/([^/]+)/)?.[1];
    c.executionCtx.waitUntil(
      writeLog(c.var.services, {
        level: "info",
        kind: "action",
        message: `${c.req.method} ${c.req.routePath} by API key "${principal.name}" (${c.res.status})`,
        customerId: customerId && UUID.test(customerId) ? customerId : null,
      }),
    );
  };
