import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";
import { createCustomer } from "../../test/sim.ts";

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

/** The base64 API id of an org in another cluster's spelling: the same organization as its `us` id. */
const euId = (uuid: string, pad = false) => {
  const id = btoa(`ciscospark://eu/ORGANIZATION/${uuid}`);
  return pad ? id : id.replace(/=+$/, "");
};

describe("customers need a key for all customers to be created or deleted (R3)", () => {
  it("refuses a scoped admin 403 for create and for delete, whatever the id, and changes nothing", async () => {
    const own = await createCustomer(admin, "Own Co", "a1a1a1a1-2222-4333-8444-555555555555");
    const other = await createCustomer(admin, "Other Co", "a2a2a2a2-2222-4333-8444-555555555555");
    const scoped = (await createKey("admin", { scope: [own.id] })).headers;
    const before = [await count("customers"), await count("data_syncs"), await count("schedules")];
    const create = await call(
      "/api/v1/customers",
      json(scoped, { name: "Sneaky", organizationId: "a3a3a3a3-2222-4333-8444-555555555555" }),
    );
    expect(create.status).toBe(403);
    const refused = (await create.json<{ error: { code: string; message: string } }>()).error;
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("a key for all customers"),
    });
    // Own, another customer's and a missing id: one answer, so deleting can't probe for customers either.
    for (const id of [own.id, other.id, "99999999-2222-4333-8444-555555555555"]) {
      const res = await call(`/api/v1/customers/${id}`, { method: "DELETE", headers: scoped });
      expect(res.status, id).toBe(403);
      expect((await res.json<{ error: { message: string } }>()).error.message).toBe(refused.message);
    }
    expect([await count("customers"), await count("data_syncs"), await count("schedules")]).toEqual(before);
    expect((await call(`/api/v1/customers/${own.id}`, { headers: scoped })).status).toBe(200);
  });
});

describe("organization ids are one org whatever their spelling (R5)", () => {
  const UUID = "b1b1b1b1-2222-4333-8444-555555555555";
  let id: string;

  beforeAll(async () => {
    id = (await createCustomer(admin, "Spelled Co", UUID)).id;
  });

  it.each([
    ["the eu base64 id", euId(UUID)],
    ["the eu base64 id with padding", euId(UUID, true)],
    ["the upper-case UUID", UUID.toUpperCase()],
    ["the us base64 id with padding", btoa(`ciscospark://us/ORGANIZATION/${UUID}`)],
  ])(
    "refuses %s of an existing customer's org on create (409 naming body.organizationId)",
    async (_, spelled) => {
      const before = await count("customers");
      const res = await call(
        "/api/v1/customers",
        json(admin, { name: "Same Org Again", organizationId: spelled }),
      );
      expect(res.status).toBe(409);
      expect((await res.json<{ error: { message: string } }>()).error.message).toContain(
        "body.organizationId",
      );
      expect(await count("customers")).toBe(before);
    },
  );

  it("stores the canonical us id for an eu spelling, and takes another spelling of the same org in PATCH as no change", async () => {
    const other = "b2b2b2b2-2222-4333-8444-555555555555";
    const created = await call(
      "/api/v1/customers",
      json(admin, { name: "Eu Co", organizationId: euId(other) }),
    );
    expect(created.status).toBe(201);
    const body = await created.json<{ id: string; orgId: string; orgUuid: string }>();
    expect(body).toMatchObject({
      orgUuid: other,
      orgId: btoa(`ciscospark://us/ORGANIZATION/${other}`).replace(/=+$/, ""),
    });
    const patched = await call(
      `/api/v1/customers/${body.id}`,
      json(admin, { organizationId: euId(other, true) }, "PATCH"),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ orgId: body.orgId, orgUuid: other });
  });

  it("lets a customer with no tokens, no partner and no synced data move to another org", async () => {
    const moved = "b3b3b3b3-2222-4333-8444-555555555555";
    const res = await call(`/api/v1/customers/${id}`, json(admin, { organizationId: moved }, "PATCH"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ orgUuid: moved });
    await call(`/api/v1/customers/${id}`, json(admin, { organizationId: UUID }, "PATCH"));
  });

  it.each([
    [
      "a sync run",
      "INSERT INTO sync_runs (id, customer_id, trigger, status, state, progress, requests, throttled, checkpoint, created_at, updated_at) VALUES (?1, ?2, 'manual', 'failed', '{}', 0, 0, 0, 0, '2026-01-01', '2026-01-01')",
    ],
    [
      "synced rows",
      "INSERT INTO webex_user (customer_id, id, hash, payload, first_seen_at, changed_at) VALUES (?2, ?1, 'h', '{}', '2026-01-01', '2026-01-01')",
    ],
  ])(
    "refuses to change the org once the customer has %s: 409 naming body.organizationId, delete and re-add",
    async (_, insert) => {
      const uuid = crypto.randomUUID();
      const customer = await createCustomer(admin, `Held ${uuid.slice(0, 8)}`, uuid);
      await env.DB.prepare(insert).bind(crypto.randomUUID(), customer.id).run();
      const res = await call(
        `/api/v1/customers/${customer.id}`,
        json(admin, { organizationId: "b4b4b4b4-2222-4333-8444-555555555555" }, "PATCH"),
      );
      expect(res.status).toBe(409);
      const { message } = (await res.json<{ error: { message: string } }>()).error;
      expect(message).toContain("body.organizationId");
      expect(message).toContain("delete and re-add");
      expect(await (await call(`/api/v1/customers/${customer.id}`, { headers: admin })).json()).toMatchObject(
        {
          orgUuid: uuid,
        },
      );
    },
  );
});

describe("conflicts a scoped key hears name no other customer (R7)", () => {
  it("answers a clash with another customer's name or org without naming it", async () => {
    const other = await createCustomer(admin, "Tyrell Corporation", "c1c1c1c1-2222-4333-8444-555555555555");
    const own = await createCustomer(admin, "Small Co", "c2c2c2c2-2222-4333-8444-555555555555");
    const scoped = (await createKey("admin", { scope: [own.id] })).headers;
    for (const [body, field] of [
      [{ name: "Tyrell Corporation" }, "body.name: this name is not available; choose another."],
      [{ name: "TyrellCorporation" }, "body.name: this name is not available; choose another."],
      [
        { organizationId: "C1C1C1C1-2222-4333-8444-555555555555" },
        "body.organizationId: this organization is not available; choose another.",
      ],
    ] as const) {
      const res = await call(`/api/v1/customers/${own.id}`, json(scoped, body, "PATCH"));
      expect(res.status, JSON.stringify(body)).toBe(409);
      const { message } = (await res.json<{ error: { message: string } }>()).error;
      expect(message).toBe(field);
      const otherOrgId = btoa("ciscospark://us/ORGANIZATION/c1c1c1c1-2222-4333-8444-555555555555").replace(
        /=+$/,
        "",
      );
      for (const secret of ["Tyrell", other.id, otherOrgId, "c1c1c1c1"])
        expect(message).not.toContain(secret);
    }
    // An unscoped admin is told what clashed.
    const told = await call(
      `/api/v1/customers/${own.id}`,
      json(admin, { name: "Tyrell Corporation" }, "PATCH"),
    );
    expect(told.status).toBe(409);
    expect((await told.json<{ error: { message: string } }>()).error.message).toContain("another customer");
  });
});
