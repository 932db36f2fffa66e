import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";

type Headers = Record<string, string>;
const send = (headers: Headers, path: string, body: unknown, method = "POST") =>
  call(path, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const count = async (table: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;
const message = async (res: Response) => (await res.json<{ error: { message: string } }>()).error.message;

let admin: Headers;
let scoped: Headers;
let own: string;
let other: string;
const MISSING = "99999999-2222-4333-8444-555555555555";

beforeAll(async () => {
  admin = (await createKey("admin")).headers;
  const customer = async (name: string, organizationId: string) =>
    (await (await send(admin, "/api/v1/customers", { name, organizationId })).json<{ id: string }>()).id;
  own = await customer("Own Syncs", "d1d1d1d1-2222-4333-8444-555555555555");
  other = await customer("Tyrell", "d2d2d2d2-2222-4333-8444-555555555555");
  scoped = (await createKey("admin", { scope: [own] })).headers;
});

describe("model type lists are global: only a key for all customers changes them (R3)", () => {
  it("refuses a scoped admin 403 and stores nothing; an unscoped admin adds the list", async () => {
    const before = await count("model_type_lists");
    const refused = await send(scoped, "/api/v1/model-type-lists", { name: "UsersOnly", include: ["User"] });
    expect(refused.status).toBe(403);
    expect(await message(refused)).toContain("a key for all customers");
    expect(await count("model_type_lists")).toBe(before);
    const added = await send(admin, "/api/v1/model-type-lists", { name: "UsersOnly", include: ["User"] });
    expect(added.status).toBe(201);
  });
});

describe("data syncs stay inside the key's scope", () => {
  it("answers 404 for a data sync of a customer outside the scope, as for a missing customer, and adds nothing", async () => {
    const before = await count("data_syncs");
    const hidden = await send(scoped, `/api/v1/customers/${other}/data-syncs`, { name: "Mine" });
    const absent = await send(scoped, `/api/v1/customers/${MISSING}/data-syncs`, { name: "Mine" });
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect((await message(hidden)).replace(other, "ID")).toBe((await message(absent)).replace(MISSING, "ID"));
    expect(await count("data_syncs")).toBe(before);
    for (const path of [`/api/v1/customers/${other}/schedules`, `/api/v1/customers/${other}/data-syncs`]) {
      expect((await call(path, { headers: scoped })).status, path).toBe(404);
    }
  });

  it("answers a name another customer's data sync holds without naming it for a scoped key (R7)", async () => {
    const taken = await send(scoped, `/api/v1/customers/${own}/data-syncs`, { name: "SyncSparkTyrell" });
    expect(taken.status).toBe(409);
    expect(await message(taken)).toBe("body.name: this name is not available; choose another.");
    const told = await send(admin, `/api/v1/customers/${own}/data-syncs`, { name: "SyncSparkTyrell" });
    expect(told.status).toBe(409);
    expect(await message(told)).toContain("SyncSparkTyrell");
  });

  it("answers a rename onto a taken name with 409, not a server error", async () => {
    const created = await send(scoped, `/api/v1/customers/${own}/data-syncs`, { name: "OwnExtra" });
    expect(created.status).toBe(201);
    const { id } = await created.json<{ id: string }>();
    const renamed = await send(
      scoped,
      `/api/v1/customers/${own}/data-syncs/${id}`,
      { name: "SyncSparkTyrell" },
      "PATCH",
    );
    expect(renamed.status).toBe(409);
    expect(await message(renamed)).toBe("body.name: this name is not available; choose another.");
  });
});
