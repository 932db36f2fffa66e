import { describe, expect, it } from "vitest";
import {
  SIM_DEFAULT_CLIENT_ID,
  SIM_DEFAULT_CLIENT_SECRET,
  SIM_DEFAULT_SERVICE_APP_CLIENT_ID,
  SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET,
  SIM_DEFAULT_SERVICE_APP_ID,
} from "../options.ts";
import { call, mintToken, quietSim } from "../testkit.ts";

const REDIRECT = "http://localhost:5173/oauth/callback";

function authorizeUrl(extra = "") {
  const p = new URLSearchParams({
    client_id: SIM_DEFAULT_CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT,
    scope: "spark-admin:people_read spark-admin:organizations_read",
    state: "xyz",
  });
  return `/v1/authorize?${p}${extra}`;
}

function exchange(sim: ReturnType<typeof quietSim>, fields: Record<string, string>) {
  return sim.request("/v1/access_token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: SIM_DEFAULT_CLIENT_ID,
      client_secret: SIM_DEFAULT_CLIENT_SECRET,
      ...fields,
    }).toString(),
  });
}

async function codeFor(
  sim: ReturnType<typeof quietSim>,
  extra = "&sim_auto_consent=partner",
): Promise<string> {
  const res = await sim.request(authorizeUrl(extra));
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get("Location")!);
  expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
  expect(loc.searchParams.get("state")).toBe("xyz");
  return loc.searchParams.get("code")!;
}

describe("OAuth authorization-code flow", () => {
  it("shows a consent page that lets the user pick the partner or a customer org", async () => {
    const sim = quietSim();
    const res = await sim.request(authorizeUrl());
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const org of sim.sim.allOrgs) expect(html).toContain(org.id);
    expect(html).toContain("spark-admin:people_read");
    // Submitting the form for a customer org gives a code for that org's administrator.
    const customer = sim.sim.tenant.customers[1]!;
    const form = new URLSearchParams(new URL(`http://x${authorizeUrl()}`).searchParams);
    form.set("sim_org", customer.id);
    form.set("decision", "accept");
    const post = await sim.request("/v1/authorize", {
      method: "POST",
      body: form.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const code = new URL(post.headers.get("Location")!).searchParams.get("code")!;
    const tokens = (await (
      await exchange(sim, { grant_type: "authorization_code", code, redirect_uri: REDIRECT })
    ).json()) as { access_token: string };
    const me = (await (await call(sim, tokens.access_token, "/people/me")).json()) as {
      orgId: string;
      id: string;
    };
    expect(me.orgId).toBe(customer.id);
    expect(me.id).toBe(customer.adminId);
  });

  it("auto-consents by option, query or cookie", async () => {
    const auto = quietSim({ autoConsent: true });
    expect((await auto.request(authorizeUrl())).status).toBe(302);
    const sim = quietSim();
    expect((await sim.request(authorizeUrl(), { headers: { Cookie: "sim_auto_consent=0" } })).status).toBe(
      302,
    );
    await codeFor(sim, "&sim_auto_consent=1");
  });

  it("rejects an unknown client or a missing response_type", async () => {
    const sim = quietSim();
    const res = await sim.request(authorizeUrl().replace(SIM_DEFAULT_CLIENT_ID, "Cnope"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/client_id/);
  });

  it("exchanges a code once for 14-day access and 90-day refresh tokens", async () => {
    const sim = quietSim();
    const code = await codeFor(sim);
    const res = await exchange(sim, { grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({
      expires_in: 1209600,
      refresh_token_expires_in: 7776000,
      token_type: "Bearer",
    });
    expect(tokens.scope).toBe("spark-admin:people_read spark-admin:organizations_read");
    const again = await exchange(sim, { grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    expect(again.status).toBe(400);
  });

  it("checks client secret and redirect_uri", async () => {
    const sim = quietSim();
    const code = await codeFor(sim);
    expect(
      (
        await exchange(sim, {
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT,
          client_secret: "bad",
        })
      ).status,
    ).toBe(401);
    const code2 = await codeFor(sim);
    expect(
      (await exchange(sim, { grant_type: "authorization_code", code: code2, redirect_uri: "http://evil/" }))
        .status,
    ).toBe(400);
  });

  it("expires access tokens on the sim clock and refreshes them; refresh tokens expire too", async () => {
    const sim = quietSim({ accessTokenTtlSec: 60, refreshTokenTtlSec: 3600 });
    const code = await codeFor(sim);
    const t = (await (
      await exchange(sim, { grant_type: "authorization_code", code, redirect_uri: REDIRECT })
    ).json()) as Record<string, string>;
    expect((await call(sim, t.access_token!, "/people/me")).status).toBe(200);
    await sim.request("/_sim/clock/advance", { method: "POST", body: JSON.stringify({ seconds: 61 }) });
    const expired = await call(sim, t.access_token!, "/people/me");
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toMatch(/expired/);
    const refreshed = (await (
      await exchange(sim, { grant_type: "refresh_token", refresh_token: t.refresh_token! })
    ).json()) as Record<string, string>;
    expect((await call(sim, refreshed.access_token!, "/people/me")).status).toBe(200);
    await sim.request("/_sim/clock/advance", { method: "POST", body: JSON.stringify({ seconds: 3601 }) });
    expect(
      (await exchange(sim, { grant_type: "refresh_token", refresh_token: t.refresh_token! })).status,
    ).toBe(400);
  });

  it("answers invalid and revoked tokens with 401 and the Webex error body", async () => {
    const sim = quietSim();
    const bad = await call(sim, "nope", "/people/me");
    expect(bad.status).toBe(401);
    const body = (await bad.json()) as {
      message: string;
      errors: { description: string }[];
      trackingId: string;
    };
    expect(body.errors[0]!.description).toBe(body.message);
    expect(body.trackingId).toBe(bad.headers.get("Trackingid"));
    const token = await mintToken(sim);
    await sim.request("/_sim/tokens/revoke", { method: "POST", body: JSON.stringify({ token }) });
    expect((await call(sim, token, "/people/me")).status).toBe(401);
  });

  it("enforces scopes per endpoint", async () => {
    const sim = quietSim();
    const token = await mintToken(sim, { scopes: ["spark-admin:people_read"] });
    expect((await call(sim, token, "/people")).status).toBe(200);
    const res = await call(sim, token, "/telephony/config/huntGroups");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain(
      "spark-admin:telephony_config_read",
    );
  });

  it("creates Service App tokens for a customer org", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    const customer = sim.sim.tenant.customers[0]!;
    const res = await call(sim, token, `/applications/${SIM_DEFAULT_SERVICE_APP_ID}/token`, {
      method: "POST",
      body: JSON.stringify({
        clientId: SIM_DEFAULT_SERVICE_APP_CLIENT_ID,
        clientSecret: SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET,
        targetOrgId: customer.id,
      }),
    });
    expect(res.status).toBe(200);
    const t = (await res.json()) as Record<string, string>;
    expect(Object.keys(t).sort()).toEqual([
      "access_token",
      "expires_in",
      "refresh_token",
      "refresh_token_expires_in",
      "token_type",
    ]);
    const me = (await (await call(sim, t.access_token!, "/people/me")).json()) as { orgId: string };
    expect(me.orgId).toBe(customer.id);
    const wrong = await call(sim, token, `/applications/${SIM_DEFAULT_SERVICE_APP_ID}/token`, {
      method: "POST",
      body: JSON.stringify({
        clientId: SIM_DEFAULT_SERVICE_APP_CLIENT_ID,
        clientSecret: "x",
        targetOrgId: customer.id,
      }),
    });
    expect(wrong.status).toBe(401);
  });
});
