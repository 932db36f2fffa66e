import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runCron } from "../../test/cron.ts";
import { call, createKey } from "../../test/helpers.ts";
import { connect, createCustomer, type SimOrg, sim, simOrgs } from "../../test/sim.ts";
import { createVault, VaultError } from "../vault/vault.ts";

const DAY = 86_400_000;
let admin: Record<string, string>;
let orgs: SimOrg[];
const vault = createVault({ version: 1, key: env.TOKEN_ENCRYPTION_KEY, previous: {} });

type Grant = {
  id: string;
  owner_id: string;
  access_token_enc: string;
  refresh_token_enc: string;
  access_expires_at: string;
  access_issued_at: string;
};
const grantOf = (customerId: string) =>
  env.DB.prepare("SELECT * FROM webex_grants WHERE owner_id = ?").bind(customerId).first<Grant>();
const health = async (customerId: string) =>
  (
    await (
      await call(`/api/v1/customers/${customerId}`, { headers: admin })
    ).json<{ tokenHealth: Record<string, unknown> }>()
  ).tokenHealth;

async function connected(name: string, org: SimOrg) {
  const customer = await createCustomer(admin, name, org.uuid, { syncOnCreate: false });
  const page = await connect(`/api/v1/customers/${customer.id}/connect`, admin, org.uuid);
  expect(page.status, await page.clone().text()).toBe(200);
  return customer;
}

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  orgs = (await simOrgs()).filter((o) => o.ref !== "partner");
});

describe("tokens at rest", () => {
  it("stores ciphertext that holds no token and does not open under another customer", async () => {
    const customer = await connected("Vault Co", orgs[0]!);
    const grant = (await grantOf(customer.id))!;
    const token = await vault.decrypt(grant.access_token_enc, `customer:${customer.id}:access_token`);
    expect(token.length).toBeGreaterThan(20);
    const row = JSON.stringify(
      await env.DB.prepare("SELECT * FROM webex_grants WHERE id = ?").bind(grant.id).first(),
    );
    expect(row).not.toContain(token);
    await expect(
      vault.decrypt(grant.access_token_enc, "customer:someone-else:access_token"),
    ).rejects.toBeInstanceOf(VaultError);
    // Nor does any API answer carry it.
    expect(await (await call(`/api/v1/customers/${customer.id}`, { headers: admin })).text()).not.toContain(
      token,
    );
    await call(`/api/v1/customers/${customer.id}`, { method: "DELETE", headers: admin });
  });
});

describe("token refresh", () => {
  it("refreshes by cron once the access token is 7 days old, storing the new tokens", async () => {
    const customer = await connected("Refresh Co", orgs[0]!);
    const before = (await grantOf(customer.id))!;
    await runCron(DAY);
    expect((await grantOf(customer.id))!.access_token_enc).toBe(before.access_token_enc);

    await sim("POST", "/clock/advance", { ms: 7 * DAY });
    await runCron(7 * DAY + 60_000);
    const after = (await grantOf(customer.id))!;
    expect(after.access_token_enc).not.toBe(before.access_token_enc);
    expect(Date.parse(after.access_expires_at)).toBeGreaterThan(Date.parse(before.access_expires_at));
    expect(await health(customer.id)).toMatchObject({ lastRefresh: { outcome: "ok" } });
    // The new access token works at Webex.
    const token = await vault.decrypt(after.access_token_enc, `customer:${customer.id}:access_token`);
    expect(
      (await fetch("http://webex-sim.test/v1/people/me", { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
  });

  it("lets one of two racing refreshes run and tells the other to wait", async () => {
    const customers = await (await call("/api/v1/customers", { headers: admin })).json<{
      items: { id: string; name: string }[];
    }>();
    const customer = customers.items.find((c) => c.name === "Refresh Co")!;
    const refresh = () =>
      call(`/api/v1/customers/${customer.id}/tokens/refresh`, { method: "POST", headers: admin }).then((r) =>
        r.json<{ outcome: string }>(),
      );
    const outcomes = (await Promise.all([refresh(), refresh()])).map((r) => r.outcome).sort();
    expect(outcomes).toEqual(["busy", "refreshed"]);
  });

  it("marks a revoked grant, raises one notification, and says what to do", async () => {
    const customer = await connected("Revoked Co", orgs[1]!);
    const grant = (await grantOf(customer.id))!;
    const refreshToken = await vault.decrypt(
      grant.refresh_token_enc,
      `customer:${customer.id}:refresh_token`,
    );
    await sim("POST", "/tokens/revoke", { token: refreshToken });
    const result = await (
      await call(`/api/v1/customers/${customer.id}/tokens/refresh`, { method: "POST", headers: admin })
    ).json<{ outcome: string; message: string }>();
    expect(result.outcome).toBe("revoked");
    expect(result.message).toContain("Connect to Webex Control Hub");
    expect(await health(customer.id)).toMatchObject({
      status: "revoked",
      lastRefresh: { outcome: "revoked" },
    });
    await runCron(8 * DAY);
    await runCron(9 * DAY);
    const notes = await (await call("/api/v1/notifications", { headers: admin })).json<{
      items: { ownerId: string; kind: string }[];
    }>();
    expect(notes.items.filter((n) => n.ownerId === customer.id && n.kind === "grant_revoked")).toHaveLength(
      1,
    );
  });

  it("warns once when the refresh token has fewer than 14 days left", async () => {
    const customer = (
      await (
        await call("/api/v1/customers", { headers: admin })
      ).json<{ items: { id: string; name: string }[] }>()
    ).items.find((c) => c.name === "Refresh Co")!;
    // Webex keeps refresh tokens alive only while they are used; here they are not renewed, so they near their 90 days.
    await env.DB.prepare("UPDATE webex_grants SET refresh_expires_at = ? WHERE owner_id = ?")
      .bind(new Date(Date.now() + 10 * DAY).toISOString(), customer.id)
      .run();
    expect(await health(customer.id)).toMatchObject({ status: "expiring", refreshTokenDaysLeft: 9 });
    await runCron(60_000);
    await runCron(120_000);
    const notes = await (
      await call("/api/v1/notifications?kind=refresh_token_expiring", { headers: admin })
    ).json<{ items: { ownerId: string; message: string }[] }>();
    const mine = notes.items.filter((n) => n.ownerId === customer.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.message).toMatch(/expires in \d+ days/);
  });
});
