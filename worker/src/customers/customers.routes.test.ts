import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";

const ORG_UUID = "6f2d1b4e-2a9c-4e8f-9b1a-0c3d5e7f9a1b";
let admin: Record<string, string>;
const json = (headers: Record<string, string>, body: unknown, method = "POST") => ({
  method,
  headers: { ...headers, "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function count(table: string) {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;
}

beforeAll(async () => {
  admin = (await createKey("admin")).headers;
});

describe("customers", () => {
  it("creates a customer from the Control Hub UUID, with its default data syncs and schedule", async () => {
    const res = await call(
      "/api/v1/customers",
      json(admin, {
        name: "Acme Corp",
        organizationId: ORG_UUID,
        adminEmail: "admin@acme.example",
        defaultCallingBehaviour: "Calling in Webex App",
      }),
    );
    expect(res.status).toBe(201);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      name: "Acme Corp",
      orgUuid: ORG_UUID,
      orgId: btoa(`ciscospark://us/ORGANIZATION/${ORG_UUID}`).replace(/=+$/, ""),
      syncOnCreate: true,
      dirsyncEnabled: false,
      tokenHealth: { status: "not_connected", refreshTokenDaysLeft: null },
    });
    const syncs = await env.DB.prepare(
      "SELECT name, model_type_list, quick_import, refresh_existing FROM data_syncs WHERE customer_id = ? ORDER BY name",
    )
      .bind(body.id)
      .all();
    expect(syncs.results).toEqual([
      { name: "SyncSparkAcmeCorp", model_type_list: "SparkDataAllMTL", quick_import: 0, refresh_existing: 1 },
      {
        name: "SyncSparkDevicesAcmeCorp",
        model_type_list: "SparkDataAllMTL",
        quick_import: 0,
        refresh_existing: 1,
      },
      {
        name: "SyncSparkUsersAcmeCorp",
        model_type_list: "SparkDataAllMTL",
        quick_import: 0,
        refresh_existing: 1,
      },
    ]);
    // The full sync and the partner-managed devices sync each run daily by default.
    const schedules = await env.DB.prepare(
      "SELECT name, interval_minutes, enabled FROM schedules WHERE customer_id = ? ORDER BY name",
    )
      .bind(body.id)
      .all();
    expect(schedules.results).toEqual([
      { name: "SyncSpark-SCHED-AcmeCorp", interval_minutes: 1440, enabled: 1 },
      { name: "SyncSparkDevices-SCHED-AcmeCorp", interval_minutes: 1440, enabled: 1 },
    ]);
    const listed = await (await call(`/api/v1/customers/${body.id}/data-syncs`, { headers: admin })).json<{
      items: { name: string; builtIn: string | null; models: string[] }[];
    }>();
    expect(listed.items.find((s) => s.builtIn === "devices")).toMatchObject({
      name: "SyncSparkDevicesAcmeCorp",
      models: ["Device", "DeviceCallingDetails", "DeviceLines", "DeviceConfiguration"],
    });
    expect(listed.items.find((s) => s.builtIn === "all")?.models).not.toContain("DeviceLines");
  });

  it("refuses the same organization twice, naming the field", async () => {
    const res = await call(
      "/api/v1/customers",
      json(admin, { name: "Acme Again", organizationId: ORG_UUID.toUpperCase() }),
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: "CONFLICT", message: expect.stringContaining("body.organizationId") },
    });
  });

  it.each([
    [{ organizationId: ORG_UUID }, "body.name"],
    [{ name: 42, organizationId: ORG_UUID }, "body.name"],
    [{ name: "X", organizationId: "not-an-org" }, "body.organizationId: is neither"],
    [
      { name: "X", organizationId: btoa("ciscospark://us/PEOPLE/6f2d1b4e-2a9c-4e8f-9b1a-0c3d5e7f9a1b") },
      "body.organizationId: is a Webex PEOPLE id",
    ],
    [
      { name: "X", organizationId: "11111111-2222-4333-8444-555555555555", adminEmail: "nope" },
      "body.adminEmail",
    ],
    [
      { name: "X", organizationId: "11111111-2222-4333-8444-555555555555", defaultCallingBehaviour: "Skype" },
      "body.defaultCallingBehaviour",
    ],
    [{ name: "X", organizationId: "11111111-2222-4333-8444-555555555555", colour: "red" }, "colour"],
  ])("rejects bad input %j naming the field, and writes nothing", async (body, expected) => {
    const before = [await count("customers"), await count("data_syncs"), await count("schedules")];
    const res = await call("/api/v1/customers", json(admin, body));
    expect(res.status).toBe(400);
    const error = (await res.json<{ error: { code: string; message: string } }>()).error;
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain(expected);
    expect([await count("customers"), await count("data_syncs"), await count("schedules")]).toEqual(before);
  });

  it("refuses a malformed JSON body and a 10 MB body with the envelope", async () => {
    const bad = await call("/api/v1/customers", {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: "{name:",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    const huge = await call(
      "/api/v1/customers",
      json(admin, { name: "Big", organizationId: ORG_UUID, notes: "x".repeat(10 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("rejects a malformed id in the path", async () => {
    const res = await call("/api/v1/customers/123", { headers: admin });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: "path.id: must be a wxsync id (a UUID)" } });
  });

  it("renames the default syncs with the customer, and deletes everything with it", async () => {
    const created = await (
      await call(
        "/api/v1/customers",
        json(admin, { name: "Beta", organizationId: "22222222-2222-4333-8444-555555555555" }),
      )
    ).json<{ id: string }>();
    const patched = await call(
      `/api/v1/customers/${created.id}`,
      json(admin, { name: "Beta Two", notes: "moved" }, "PATCH"),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "Beta Two", notes: "moved" });
    const names = await env.DB.prepare(
      "SELECT name FROM data_syncs WHERE customer_id = ? UNION ALL SELECT name FROM schedules WHERE customer_id = ?",
    )
      .bind(created.id, created.id)
      .all<{ name: string }>();
    expect(names.results.map((r) => r.name).sort()).toEqual([
      "SyncSpark-SCHED-BetaTwo",
      "SyncSparkBetaTwo",
      "SyncSparkDevices-SCHED-BetaTwo",
      "SyncSparkDevicesBetaTwo",
      "SyncSparkUsersBetaTwo",
    ]);

    const removed = await call(`/api/v1/customers/${created.id}`, { method: "DELETE", headers: admin });
    expect(removed.status).toBe(204);
    expect((await call(`/api/v1/customers/${created.id}`, { headers: admin })).status).toBe(404);
    const left = await env.DB.prepare(
      "SELECT (SELECT count(*) FROM data_syncs WHERE customer_id = ?1) + (SELECT count(*) FROM schedules WHERE customer_id = ?1) AS n",
    )
      .bind(created.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe("customer scope and roles", () => {
  it("answers 404 for a customer outside the key's scope, exactly as for one that does not exist", async () => {
    const a = await (
      await call(
        "/api/v1/customers",
        json(admin, { name: "Scope A", organizationId: "33333333-2222-4333-8444-555555555555" }),
      )
    ).json<{ id: string }>();
    const b = await (
      await call(
        "/api/v1/customers",
        json(admin, { name: "Scope B", organizationId: "44444444-2222-4333-8444-555555555555" }),
      )
    ).json<{ id: string }>();
    const scoped = (await createKey("admin", { scope: [a.id] })).headers;
    const list = await (await call("/api/v1/customers", { headers: scoped })).json<{
      items: { id: string }[];
    }>();
    expect(list.items.map((c) => c.id)).toEqual([a.id]);

    const missing = "99999999-2222-4333-8444-555555555555";
    for (const [path, method] of [
      [`/api/v1/customers/${b.id}`, "GET"],
      [`/api/v1/customers/${b.id}`, "DELETE"],
      [`/api/v1/customers/${b.id}/connect`, "GET"],
      [`/api/v1/customers/${b.id}/tokens/refresh`, "POST"],
    ] as const) {
      const hidden = await call(path, { method, headers: scoped });
      const absent = await call(path.replace(b.id, missing), { method, headers: scoped });
      expect(hidden.status, path).toBe(404);
      expect(absent.status, path).toBe(404);
      const strip = (body: { error: { message: string } }, id: string) =>
        body.error.message.replace(id, "ID");
      expect(strip(await hidden.json(), b.id)).toBe(strip(await absent.json(), missing));
    }
    const patched = await call(`/api/v1/customers/${b.id}`, json(scoped, { notes: "x" }, "PATCH"));
    expect(patched.status).toBe(404);
    const transactions = await call(`/api/v1/transactions?customerId=${b.id}`, { headers: scoped });
    expect(transactions.status).toBe(404);
    expect((await call("/api/v1/partners", { headers: scoped })).status).toBe(200);
  });

  it("refuses a viewer an operator action and an admin change with 403", async () => {
    const customer = await (
      await call(
        "/api/v1/customers",
        json(admin, { name: "Roles", organizationId: "55555555-2222-4333-8444-555555555555" }),
      )
    ).json<{ id: string }>();
    const viewer = (await createKey("viewer")).headers;
    const refresh = await call(`/api/v1/customers/${customer.id}/tokens/refresh`, {
      method: "POST",
      headers: viewer,
    });
    expect(refresh.status).toBe(403);
    expect(await refresh.json()).toMatchObject({
      error: { code: "FORBIDDEN", message: "This needs the operator role; the API key has the viewer role." },
    });
    const create = await call(
      "/api/v1/customers",
      json(viewer, { name: "Nope", organizationId: "66666666-2222-4333-8444-555555555555" }),
    );
    expect(create.status).toBe(403);
    expect((await call(`/api/v1/customers/${customer.id}`, { headers: viewer })).status).toBe(200);
  });
});
