import type { MiddlewareHandler } from "hono";
import type { Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import { WebexError } from "../util/errors.ts";

/** OAuth endpoints authenticate with client credentials, not a bearer token. */
const PUBLIC = new Set(["/v1/authorize", "/v1/access_token"]);

const MISSING = "The request requires a valid access token set in the Authorization request header.";

/** Bearer-token check for the Webex API routes: invalid, expired and revoked tokens get 401. */
export function requireToken(sim: SimState): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (PUBLIC.has(c.req.path)) return next();
    const header = c.req.header("Authorization");
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw new WebexError(401, MISSING);
    const result = sim.tokens.check(match[1]);
    if (result === "invalid") throw new WebexError(401, MISSING);
    if (result === "expired") throw new WebexError(401, "The access token has expired.");
    if (result === "revoked") throw new WebexError(401, "The access token has been revoked.");
    c.set("auth", result);
    await next();
  };
}
