import type { Hono } from "hono";
import type { Ctx, Env } from "../routes/context.ts";
import type { SimState } from "../state.ts";
import type { Org } from "../tenant/types.ts";
import { badRequest, WebexError } from "../util/errors.ts";
import { orgUuidFromId } from "../util/ids.ts";
import { consentPage } from "./page.ts";

function redirectWith(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** Checks the authorize request; returns its parameters. */
function authorizeParams(sim: SimState, params: URLSearchParams): { redirectUri: string; scopes: string[] } {
  if (params.get("client_id") !== sim.options.clientId) throw badRequest("Invalid client_id.");
  if (params.get("response_type") !== "code") throw badRequest("response_type must be code.");
  const redirectUri = params.get("redirect_uri") ?? "";
  try {
    new URL(redirectUri);
  } catch {
    throw badRequest("redirect_uri must be an absolute URL.");
  }
  const scopes = (params.get("scope") ?? "").split(/\s+/).filter(Boolean);
  if (scopes.length === 0) throw badRequest("scope is required.");
  return { redirectUri, scopes };
}

function pickOrg(sim: SimState, ref: string | null | undefined): Org {
  if (!ref || ref === "1" || ref === "true" || ref === "partner") return sim.tenant.partner;
  const uuid = orgUuidFromId(ref);
  const org = (uuid && sim.tenant.orgs.get(uuid)) || sim.orgRef(ref);
  if (!org) throw badRequest(`Unknown org ${ref}`);
  return org;
}

function grantCode(sim: SimState, params: URLSearchParams, org: Org): string {
  const { redirectUri, scopes } = authorizeParams(sim, params);
  const code = sim.tokens.issueCode(
    { orgUuid: org.uuid, personId: org.adminId, scopes, clientId: sim.options.clientId },
    redirectUri,
  );
  const extra: Record<string, string> = { code };
  const state = params.get("state");
  if (state !== null) extra.state = state;
  return redirectWith(redirectUri, extra);
}

/** Auto-consent: the option, `?sim_auto_consent=<org>` or a `sim_auto_consent=<org>` cookie (org: "partner", index or id). */
function autoConsentOrg(sim: SimState, c: Ctx): string | undefined {
  const q = c.req.query("sim_auto_consent") ?? c.req.query("sim_org");
  if (q) return q;
  const cookie = c.req.header("Cookie")?.match(/(?:^|;\s*)sim_auto_consent=([^;]+)/)?.[1];
  if (cookie) return decodeURIComponent(cookie);
  return sim.autoConsent ? "partner" : undefined;
}

async function formBody(c: Ctx): Promise<URLSearchParams> {
  const type = c.req.header("Content-Type") ?? "";
  const text = await c.req.text();
  if (type.includes("application/json")) {
    const json = JSON.parse(text || "{}") as Record<string, unknown>;
    return new URLSearchParams(Object.entries(json).map(([k, v]): [string, string] => [k, String(v)]));
  }
  return new URLSearchParams(text);
}

export function registerOAuth(app: Hono<Env>, sim: SimState): void {
  app.get("/v1/authorize", (c) => {
    const params = new URL(c.req.url).searchParams;
    authorizeParams(sim, params);
    const auto = autoConsentOrg(sim, c);
    if (auto) return c.redirect(grantCode(sim, params, pickOrg(sim, auto)), 302);
    const email = (org: Org) =>
      String((org.collections.people.get(org.adminId)?.emails as string[] | undefined)?.[0] ?? "");
    return c.html(consentPage(params, sim.allOrgs, email));
  });

  app.post("/v1/authorize", async (c) => {
    const params = await formBody(c);
    const { redirectUri } = authorizeParams(sim, params);
    if (params.get("decision") === "decline") {
      const state = params.get("state");
      return c.redirect(
        redirectWith(redirectUri, { error: "access_denied", ...(state !== null ? { state } : {}) }),
        302,
      );
    }
    const org = pickOrg(sim, params.get("sim_org"));
    for (const k of ["sim_org", "decision"]) params.delete(k);
    return c.redirect(grantCode(sim, params, org), 302);
  });

  app.post("/v1/access_token", async (c) => {
    const params = await formBody(c);
    const clientId = params.get("client_id") ?? "";
    const secret = params.get("client_secret") ?? "";
    const isIntegration = clientId === sim.options.clientId && secret === sim.options.clientSecret;
    const isServiceApp =
      clientId === sim.options.serviceApp.clientId && secret === sim.options.serviceApp.clientSecret;
    if (!isIntegration && !isServiceApp) throw new WebexError(401, "Invalid client_id or client_secret.");
    const grantType = params.get("grant_type");
    if (grantType === "authorization_code") {
      if (!isIntegration) throw badRequest("Service apps cannot use the authorization_code grant.");
      const grant = sim.tokens.redeemCode(
        params.get("code") ?? "",
        clientId,
        params.get("redirect_uri") ?? "",
      );
      if (typeof grant === "string") throw badRequest(grant);
      return c.json(sim.tokens.mint(grant));
    }
    if (grantType === "refresh_token") {
      const result = sim.tokens.useRefreshToken(params.get("refresh_token") ?? "", clientId);
      if (typeof result === "string") throw badRequest(result);
      return c.json(result);
    }
    throw badRequest("grant_type must be authorization_code or refresh_token.");
  });
}
