import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";
import { connect, createCustomer, SIM, type SimOrg, sim, simOrgs, waitForRun } from "../../test/sim.ts";
import worker from "../index.ts";

let admin: Record<string, string>;
let orgs: SimOrg[];

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  orgs = await simOrgs();
});

describe("Connect to Webex Control Hub", () => {
  it("redirects to Webex's authorize page with the sync scopes and a signed state", async () => {
    const customer = await createCustomer(admin, "Redirect Co", orgs[1]!.uuid);
    const res = await call(`/api/v1/customers/${customer.id}/connect`, {
      headers: admin,
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get("location")!);
    expect(`${url.origin}${url.pathname}`).toBe(`${SIM}/v1/authorize`);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("redirect_uri")).toBe("https://wxsync.test/oauth/callback");
    expect(url.searchParams.get("scope")).toContain("spark-admin:people_read");
    expect(url.searchParams.get("state")).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(
      (await call(`/api/v1/customers/${customer.id}`, { method: "DELETE", headers: admin })).status,
    ).toBe(204);
  });

  it("connects through the browser redirects, stores the tokens encrypted, and syncs roles and licences", async () => {
    const customer = await createCustomer(admin, "Connected Co", orgs[1]!.uuid);
    const page = await connect(`/api/v1/customers/${customer.id}/connect`, admin, orgs[1]!.uuid);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Connected Co is connected");

    const view = await (await call(`/api/v1/customers/${customer.id}`, { headers: admin })).json<{
      tokenHealth: { status: string; refreshTokenDaysLeft: number; via: string };
    }>();
    expect(view.tokenHealth).toMatchObject({ status: "ok", refreshTokenDaysLeft: 89, via: "own" });

    const grant = await env.DB.prepare("SELECT * FROM webex_grants WHERE owner_id = ?")
      .bind(customer.id)
      .first<Record<string, string>>();
    expect(grant?.access_token_enc).toMatch(/^wxv1:/);
    const transactions = await (
      await call(`/api/v1/transactions?customerId=${customer.id}`, { headers: admin })
    ).json<{ items: { type: string; status: string; message: string }[] }>();
    expect(transactions.items.find((t) => t.type === "token_retrieval")).toMatchObject({
      status: "succeeded",
    });

    const runs = await (await call(`/api/v1/customers/${customer.id}/runs`, { headers: admin })).json<{
      items: { id: string }[];
    }>();
    expect(runs.items).toHaveLength(1);
    const run = await waitForRun(customer.id, runs.items[0]!.id, admin);
    expect(run.status).toBe("succeeded");
    expect(run.models.map((m) => m.model)).toEqual(["Organization", "Role", "License"]);
    const licences = await (
      await call(`/api/v1/customers/${customer.id}/models/License`, { headers: admin })
    ).json<{ items: { name: string }[] }>();
    expect(licences.items.map((l) => l.name)).toContain("Webex Calling - Professional");
  });

  it("refuses a token of another organization, storing nothing", async () => {
    const customer = await createCustomer(admin, "Mismatch Co", orgs[2]!.uuid, { syncOnCreate: false });
    const page = await connect(`/api/v1/customers/${customer.id}/connect`, admin, orgs[3]!.uuid);
    expect(page.status).toBe(400);
    const text = await page.text();
    expect(text).toContain("another Webex organization than Mismatch Co");
    expect(text).toContain("Nothing was stored");
    const grants = await env.DB.prepare("SELECT count(*) AS n FROM webex_grants WHERE owner_id = ?")
      .bind(customer.id)
      .first<{ n: number }>();
    expect(grants?.n).toBe(0);
  });

  it("accepts a state once, and only a state it signed", async () => {
    const customer = await createCustomer(admin, "Replay Co", orgs[3]!.uuid, { syncOnCreate: false });
    const link = await (
      await call(`/api/v1/customers/${customer.id}/connect`, {
        headers: { ...admin, accept: "application/json" },
      })
    ).json<{ authorizeUrl: string }>();
    const consent = await fetch(`${link.authorizeUrl}&sim_auto_consent=${orgs[3]!.uuid}`, {
      redirect: "manual",
    });
    const back = new URL(consent.headers.get("location")!);
    expect((await call(`${back.pathname}${back.search}`)).status).toBe(200);
    const replay = await call(`${back.pathname}${back.search}`);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("already used");
    const forged = new URLSearchParams(back.search);
    forged.set("state", `${forged.get("state")!.split(".")[0]}.forged`);
    expect(await (await call(`/oauth/callback?${forged}`)).text()).toContain("not one wxsync issued");
  });

  it("serves its pages with a strict Content-Security-Policy, unframeable, without a Referer", async () => {
    for (const query of ["state=nonsense", "error=access_denied", ""]) {
      const res = await call(`/oauth/callback?${query}`);
      expect(res.status).toBe(400);
      const policy = res.headers.get("content-security-policy") ?? "";
      for (const directive of [
        "default-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'none'",
        "base-uri 'none'",
      ])
        expect(policy).toContain(directive);
      expect(policy).toMatch(/style-src 'sha256-[^']+'/);
      expect(policy).not.toContain("unsafe-inline");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("answers the browser with a page, as the OpenAPI document says", async () => {
    const res = await call("/oauth/callback?state=nonsense");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const doc = await (await call("/api/v1/openapi.json")).json<{
      paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    }>();
    const responses = doc.paths["/oauth/callback"]!.get.responses;
    for (const status of ["200", "400", "502"]) {
      expect(Object.keys(responses[status]?.content ?? {})).toEqual(["text/html"]);
    }
  });
});

describe("the redirect URI of a deployed worker", () => {
  /** As deployed: no LOCAL_DEV, so the request's own host never names the worker. */
  const deployed = (vars: Record<string, string>) =>
    ({ ...env, LOCAL_DEV: undefined, ...vars }) as unknown as Env;
  const connectFrom = (host: string, id: string, bindings: Env) =>
    worker.fetch(
      new Request(`https://${host}/api/v1/customers/${id}/connect`, { headers: admin, redirect: "manual" }),
      bindings,
      createExecutionContext(),
    );
  let customerId: string;

  beforeAll(async () => {
    customerId = (await createCustomer(admin, "Origin Co", crypto.randomUUID(), { syncOnCreate: false })).id;
  });

  it("refuses to start the connect flow without PUBLIC_ORIGIN, naming it", async () => {
    const res = await connectFrom("attacker.example", customerId, deployed({}));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("set PUBLIC_ORIGIN") },
    });
  });

  it("sends Webex back to PUBLIC_ORIGIN, whatever host the request named", async () => {
    const res = await connectFrom(
      "attacker.example",
      customerId,
      deployed({ PUBLIC_ORIGIN: "https://wxsync.example.com" }),
    );
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get("location")!);
    expect(url.searchParams.get("redirect_uri")).toBe("https://wxsync.example.com/oauth/callback");
  });

  it("takes OAUTH_REDIRECT_URI as it is when set", async () => {
    const res = await connectFrom(
      "attacker.example",
      customerId,
      deployed({ OAUTH_REDIRECT_URI: "https://sso.example.com/wxsync/oauth/callback" }),
    );
    const url = new URL(res.headers.get("location")!);
    expect(url.searchParams.get("redirect_uri")).toBe("https://sso.example.com/wxsync/oauth/callback");
  });
});
