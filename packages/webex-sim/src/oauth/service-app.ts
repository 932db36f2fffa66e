import type { Hono } from "hono";
import { type Env, jsonBody, requireScope } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import { badRequest, notFound, WebexError } from "../util/errors.ts";
import { orgUuidFromId } from "../util/ids.ts";

/** Service App tokens (`POST /applications/{id}/token`) and `GET /authorizations/tokenExpiry`. */
export function registerServiceApp(app: Hono<Env>, sim: SimState): void {
  app.post("/applications/:id/token", async (c) => {
    requireScope(c, ["spark:applications_token"]);
    if (c.req.param("id") !== sim.options.serviceApp.applicationId) throw notFound("application");
    const body = await jsonBody(c);
    const { clientId, clientSecret } = sim.options.serviceApp;
    if (body.clientId !== clientId || body.clientSecret !== clientSecret) {
      throw new WebexError(401, "Invalid clientId or clientSecret for this application.");
    }
    const uuid = typeof body.targetOrgId === "string" ? orgUuidFromId(body.targetOrgId) : undefined;
    const org = uuid ? sim.tenant.orgs.get(uuid) : undefined;
    if (!org) throw badRequest("targetOrgId must name an org that authorized this service app.");
    const { scope: _scope, ...tokens } = sim.tokens.mint({
      orgUuid: org.uuid,
      personId: org.adminId,
      scopes: c.get("auth").scopes.filter((s) => s !== "spark:applications_token"),
      clientId,
    });
    return c.json(tokens);
  });

  app.get("/authorizations/tokenExpiry", (c) => c.json({ exp: c.get("auth").expiresAt }));
}
