import type { Hono } from "hono";
import type { SimState } from "../state.ts";
import { badRequest } from "../util/errors.ts";
import { sipPassword } from "../util/password.ts";
import { type Env, jsonBody, requireScope } from "./context.ts";
import { locateObject } from "./locate.ts";

const TEL_WRITE = ["spark-admin:telephony_config_write"];
/** The spec's PasswordGenerate enum. */
const KINDS = new Set(["sip"]);

export function registerLocationActions(app: Hono<Env>, sim: SimState): void {
  // An example password under the location's password rules; the body is optional and defaults to SIP.
  app.post("/telephony/config/locations/:locationId/actions/generatePassword/invoke", async (c) => {
    requireScope(c, TEL_WRITE);
    locateObject(sim, c, "telephonyLocations", c.req.param("locationId"));
    const body = await jsonBody(c, { optional: true });
    const generate = body.generate ?? [];
    if (!Array.isArray(generate)) throw badRequest("generate must be an array");
    for (const kind of generate) {
      if (typeof kind !== "string" || !KINDS.has(kind))
        throw badRequest(`generate: unsupported value ${JSON.stringify(kind)}; supported: sip`);
    }
    return c.json({ exampleSipPassword: sipPassword() });
  });
}
