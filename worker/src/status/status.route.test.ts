import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";
import { connect, createCustomer, sim, simOrgs } from "../../test/sim.ts";
import { VERSION } from "../version.ts";
import { utc } from "./status.view.ts";

const HOSTILE_NAME = 'Acme <b>&</b> "Co"';
let adminKey: string;
let connected: { id: string };
let viaPartner: { id: string };

const basic = (key: string, user = "admin") => ({ authorization: `Basic ${btoa(`${user}:${key}`)}` });

async function insertObjects(customerId: string, table: string, n: number) {
  for (let i = 0; i < n; i++) {
    await env.DB.prepare(
      `INSERT INTO ${table} (customer_id, id, label, hash, payload, first_seen_at, changed_at) VALUES (?, ?, ?, 'h', '{}', ?, ?)`,
    )
      .bind(customerId, `${table}-${i}`, `item ${i}`, new Date().toISOString(), new Date().toISOString())
      .run();
  }
}

async function nextRunAt(customerId: string) {
  const row = await env.DB.prepare("SELECT next_run_at FROM schedules WHERE customer_id = ?")
    .bind(customerId)
    .first<{ next_run_at: string }>();
  return row!.next_run_at;
}

/** The table row of one customer: everything the page says about it. */
function rowOf(page: string, nameHtml: string) {
  const row = page.split("<tr>").find((r) => r.includes(nameHtml));
  expect(row, `a row for ${nameHtml}`).toBeDefined();
  return row!;
}
const numbersIn = (row: string) => [...row.matchAll(/<td class="n">(?:<b>)?(\d+)/g)].map((m) => Number(m[1]));

beforeAll(async () => {
  await sim("POST", "/reset");
  const admin = await createKey("admin");
  adminKey = admin.key;
  const orgs = await simOrgs();
  const org = (ref: string) => orgs.find((o) => o.ref === ref)!;

  connected = await createCustomer(admin.headers, "Status Co", org("1").uuid, { syncOnCreate: false });
  expect(
    (await connect(`/api/v1/customers/${connected.id}/connect`, admin.headers, org("1").uuid)).status,
  ).toBe(200);
  await insertObjects(connected.id, "webex_user", 3);
  await insertObjects(connected.id, "webex_device", 2);
  await insertObjects(connected.id, "webex_number", 1);
  await insertObjects(connected.id, "webex_location", 1);
  await insertObjects(connected.id, "webex_place", 1);
  await insertObjects(connected.id, "webex_role", 2);
  await env.DB.prepare(
    `INSERT INTO sync_runs (id, customer_id, data_sync_name, trigger, status, state, progress, requests, throttled, created_at, started_at, ended_at, updated_at)
     VALUES (?, ?, 'SyncSparkStatusCo', 'manual', 'succeeded', '{}', 100, 12, 0, ?, ?, ?, ?)`,
  )
    .bind(
      crypto.randomUUID(),
      connected.id,
      "2025-01-02T03:00:00.000Z",
      "2025-01-02T03:00:00.000Z",
      "2025-01-02T03:04:05.000Z",
      "2025-01-02T03:04:05.000Z",
    )
    .run();

  // Reached through a partner's token; renamed in the database to a name the API itself would refuse.
  const partnerRes = await call("/api/v1/partners", {
    method: "POST",
    headers: { ...admin.headers, "content-type": "application/json" },
    body: JSON.stringify({ name: "Demo Partner", organizationId: org("partner").uuid }),
  });
  const partner = await partnerRes.json<{ id: string }>();
  expect(
    (await connect(`/api/v1/partners/${partner.id}/connect`, admin.headers, org("partner").uuid)).status,
  ).toBe(200);
  viaPartner = await createCustomer(admin.headers, "Acme and Co", org("2").uuid, { syncOnCreate: false });
  await env.DB.prepare("UPDATE customers SET name = ?, partner_id = ? WHERE id = ?")
    .bind(HOSTILE_NAME, partner.id, viaPartner.id)
    .run();
  await env.DB.prepare("INSERT INTO system_state (key, value, updated_at) VALUES ('lastCronAt', ?, ?)")
    .bind("2025-01-02T03:05:00.000Z", "2025-01-02T03:05:00.000Z")
    .run();
});

describe("status page", () => {
  it("asks a browser for credentials, and never lets the page be cached or framed", async () => {
    for (const headers of [{}, basic("wxs_not-a-real-key"), { authorization: "Basic %%%" }]) {
      const res = await call("/", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="wxsync", charset="UTF-8"');
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain("admin API key");
    }
  });

  it("refuses operator and viewer keys, and a revoked admin key, with 403", async () => {
    const keys = [
      (await createKey("operator")).key,
      (await createKey("viewer")).key,
      (await createKey("admin", { revoked: true })).key,
    ];
    for (const key of keys) {
      const res = await call("/", { headers: basic(key) });
      expect(res.status).toBe(403);
      expect(res.headers.get("www-authenticate")).toBeNull();
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toMatch(/needs an admin API key|revoked/);
    }
  });

  it("shows an admin each customer's token, syncs and synced objects, with names escaped", async () => {
    const res = await call("/", { headers: basic(adminKey, "anyone") });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-store");
    // Its styles are allowed by hash: nothing inline that the page did not ship itself.
    expect(res.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'$/,
    );
    const page = await res.text();

    expect(page).not.toContain("<b>&</b>");
    const acme = rowOf(page, "Acme &lt;b&gt;&amp;&lt;/b&gt; &quot;Co&quot;");
    expect(acme).toContain('<span class="ok">ok</span>');
    expect(acme).toContain("via partner Demo Partner");
    expect(acme).toMatch(/<td><span class="muted">never<\/span><\/td>/);
    expect(acme).toContain(utc(await nextRunAt(viaPartner.id)));
    expect(numbersIn(acme)).toEqual([0, 0, 0, 0, 0, 0]);

    const status = rowOf(page, "Status Co");
    expect(status).toContain('<span class="ok">ok</span>');
    expect(status).toMatch(/\d+ days left/);
    expect(status).toContain("succeeded");
    expect(status).toContain("2025-01-02 03:04 UTC");
    expect(status).toContain(utc(await nextRunAt(connected.id)));
    // Users, devices, numbers, locations, workspaces, then every synced object (roles included).
    expect(numbersIn(status)).toEqual([3, 2, 1, 1, 1, 10]);

    expect(page).toContain("Customers <b>2</b>");
    expect(page).toContain("Running syncs <b>0</b>");
    expect(page).toContain("2025-01-02 03:05 UTC");
    expect(page).toContain(VERSION);
    expect(page).toContain('href="/api/v1/docs"');
    expect(page).toContain('href="/api/v1/openapi.json"');
    expect(rowOf(page, "<td>Demo Partner<small>")).toContain('<span class="ok">ok</span>');
  });

  it("shows an admin key scoped to some customers only those, and no partners", async () => {
    const scoped = await createKey("admin", { scope: [connected.id] });
    const page = await (await call("/", { headers: basic(scoped.key) })).text();
    expect(page).toContain("Status Co");
    expect(page).not.toContain("Acme");
    expect(page).not.toContain("Demo Partner");
    expect(page).toContain("Customers <b>1</b>");
  });

  it("also takes an admin key as a Bearer token, for scripts", async () => {
    const res = await call("/", { headers: { authorization: `Bearer ${adminKey}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Status Co");
  });

  it("never accepts Basic credentials on the API", async () => {
    const res = await call("/api/v1/customers", { headers: basic(adminKey) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });
});
