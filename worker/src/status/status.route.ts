/**
 * @module status/route
 * `GET /`: a read-only status page for holders of an admin API key. Browsers can't put a Bearer header on a
 * page they navigate to, so this page (and only this page) also takes the key as the password of HTTP Basic
 * authentication. The API never does: credentials a browser remembers must not be able to change anything.
 * Failed sign-ins are throttled per client and the key's per-minute limit applies, exactly as on the API.
 */
import { isApiKeyFormat } from "@wxsync/core/api-keys";
import type { Context } from "hono";
import { findApiKey, principalOf, recordKeyUse } from "../api-keys/auth.ts";
import type { App, AppEnv } from "../lib/app-env.ts";
import { pageHeaders } from "../lib/html.ts";
import { failureBudget, tooManyFailures } from "../rate-limit/auth-failures.ts";
import { keyLimitReached, spendKeyRequest } from "../rate-limit/middleware.ts";
import { VERSION } from "../version.ts";
import { loadStatus } from "./status.data.ts";
import { refusalPage, STATUS_STYLE, statusPage } from "./status.view.ts";

const CHALLENGE = 'Basic realm="wxsync", charset="UTF-8"';

/** The key from `Bearer <key>` or from the password of `Basic base64(user:key)`; the user name is ignored. */
export function presentedKey(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === "bearer") return value;
  if (scheme?.toLowerCase() !== "basic") return null;
  let decoded: string;
  try {
    decoded = atob(value);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

async function refuse(c: Context<AppEnv>, status: 401 | 403, message: string) {
  const title = status === 401 ? "Sign in with an API key" : "Not allowed";
  const headers = await pageHeaders();
  if (status === 401) headers["www-authenticate"] = CHALLENGE;
  return c.html(refusalPage(title, message), status, headers);
}

async function slowDown(c: Context<AppEnv>, seconds: number, message: string) {
  return c.html(refusalPage("Too many requests", message), 429, {
    ...(await pageHeaders()),
    "retry-after": String(seconds),
  });
}

export const registerStatusPage = (app: App) =>
  app.get("/", async (c) => {
    const key = presentedKey(c.req.header("authorization"));
    if (!key) {
      return refuse(
        c,
        401,
        "Sign in with any user name and a wxsync admin API key (wxs_...) as the password.",
      );
    }
    // Like the API: a client that keeps presenting wrong keys is refused before its key is looked up.
    const failures = failureBudget(c);
    const wait = await failures?.wait();
    if (wait) return slowDown(c, wait, tooManyFailures(wait));
    const row = isApiKeyFormat(key) ? await findApiKey(c.var.services.db, key) : null;
    if (!row || row.revokedAt) await failures?.failed();
    if (!row)
      return refuse(c, 401, "That is not a wxsync API key: use an admin API key (wxs_...) as the password.");
    if (row.revokedAt) return refuse(c, 403, "This API key has been revoked.");
    const principal = principalOf(row);
    // The page spends the key's requests like any API call: a browser's reloads count too.
    const spent = await spendKeyRequest(c.env, principal);
    if (spent && !spent.ok)
      return slowDown(c, spent.retryAfterSeconds, keyLimitReached(spent.perMinute, spent.retryAfterSeconds));
    if (principal.role !== "admin") {
      return refuse(
        c,
        403,
        `The status page needs an admin API key; this one has the ${principal.role} role.`,
      );
    }
    recordKeyUse(c, row.id);
    const data = await loadStatus(c.var.services, principal);
    return c.html(statusPage(data, VERSION), 200, await pageHeaders(STATUS_STYLE));
  });
