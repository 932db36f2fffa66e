import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";

const post = (headers: Record<string, string>, body: unknown) => ({
  method: "POST",
  headers: { ...headers, "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("API keys", () => {
  it("creates a key shown once, stores only its hash, and the new key works", async () => {
    const { headers } = await createKey("admin");
    const res = await call("/api/v1/api-keys", post(headers, { name: "reports", role: "viewer" }));
    expect(res.status).toBe(201);
    const created = await res.json<{
      id: string;
      key: string;
      role: string;
      scope: string;
      keyHint: string;
    }>();
    expect(created).toMatchObject({ role: "viewer", scope: "all" });
    expect(created.key).toMatch(/^wxs_/);
    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(created.id).first();
    expect(JSON.stringify(row)).not.toContain(created.key);

    const listed = await (await call("/api/v1/api-keys", { headers })).text();
    expect(listed).toContain(created.keyHint);
    expect(listed).not.toContain(created.key);
    expect(listed).not.toContain("keyHash");

    const whoami = await call("/api/v1/whoami", { headers: { authorization: `Bearer ${created.key}` } });
    expect(await whoami.json()).toMatchObject({ name: "reports", role: "viewer" });
  });

  it("revokes a key at once, but never the key making the request", async () => {
    const { id: adminId, headers } = await createKey("admin");
    const other = await createKey("operator");
    const res = await call(`/api/v1/api-keys/${other.id}`, { method: "DELETE", headers });
    expect(res.status).toBe(200);
    expect((await call("/api/v1/whoami", { headers: other.headers })).status).toBe(401);
    const self = await call(`/api/v1/api-keys/${adminId}`, { method: "DELETE", headers });
    expect(self.status).toBe(409);
  });

  it("validates role and scope, naming the field", async () => {
    const { headers } = await createKey("admin");
    const badRole = await call("/api/v1/api-keys", post(headers, { name: "x", role: "root" }));
    expect(badRole.status).toBe(400);
    expect((await badRole.json<{ error: { message: string } }>()).error.message).toContain("body.role");
    const unknown = await call(
      "/api/v1/api-keys",
      post(headers, { name: "x", role: "viewer", scope: ["11111111-2222-4333-8444-555555555555"] }),
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json<{ error: { message: string } }>()).error.message).toBe(
      "body.scope: no customer with id 11111111-2222-4333-8444-555555555555",
    );
  });

  it("is for admins only", async () => {
    const { headers } = await createKey("operator");
    expect((await call("/api/v1/api-keys", { headers })).status).toBe(403);
    expect((await call("/api/v1/api-keys", post(headers, { name: "x", role: "admin" }))).status).toBe(403);
  });
});

describe("a key scoped to some customers manages only keys within its own reach (R2)", () => {
  type Key = { id: string; scope: "all" | string[] };
  type Page = { items: Key[]; nextCursor: string | null };
  let s: string;
  let t: string;
  let scoped: Awaited<ReturnType<typeof createKey>>;
  let unscoped: Awaited<ReturnType<typeof createKey>>;
  const MISSING = "99999999-2222-4333-8444-555555555555";
  const keyCount = async () =>
    (await env.DB.prepare("SELECT count(*) AS n FROM api_keys").first<{ n: number }>())?.n ?? 0;

  beforeAll(async () => {
    unscoped = await createKey("admin", { name: "everyone's admin" });
    const customer = async (name: string, organizationId: string) =>
      (
        await (
          await call("/api/v1/customers", post(unscoped.headers, { name, organizationId }))
        ).json<{ id: string }>()
      ).id;
    s = await customer("Scoped S", "7a1e0c52-0d7f-4a8e-9d2b-1b2c3d4e5f60");
    t = await customer("Tyrell", "7a1e0c52-0d7f-4a8e-9d2b-1b2c3d4e5f61");
    scoped = await createKey("admin", { name: "S's admin", scope: [s] });
  });

  it("cannot mint a key for all customers: 403 naming body.scope, and nothing is inserted", async () => {
    const before = await keyCount();
    for (const body of [
      { name: "x", role: "admin", scope: "all" },
      { name: "x", role: "viewer" }, // scope defaults to "all"
    ]) {
      const res = await call("/api/v1/api-keys", post(scoped.headers, body));
      expect(res.status).toBe(403);
      const { error } = await res.json<{ error: { code: string; message: string } }>();
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toContain("body.scope");
    }
    expect(await keyCount()).toBe(before);
  });

  it("cannot create a key for a customer outside its scope, existing or not, and learns nothing of which", async () => {
    const before = await keyCount();
    const messages: string[] = [];
    for (const scope of [[t], [s, t], [MISSING]]) {
      const res = await call("/api/v1/api-keys", post(scoped.headers, { name: "x", role: "viewer", scope }));
      expect(res.status, JSON.stringify(scope)).toBe(403);
      const { error } = await res.json<{ error: { message: string } }>();
      expect(error.message).toContain("body.scope");
      expect(error.message).not.toContain(t);
      messages.push(error.message);
    }
    // Another customer's id and an id that names nothing are refused in the same words.
    expect(new Set(messages).size).toBe(1);
    expect(await keyCount()).toBe(before);
    const own = await call(
      "/api/v1/api-keys",
      post(scoped.headers, { name: "S viewer", role: "viewer", scope: [s] }),
    );
    expect(own.status).toBe(201);
    expect(await own.json()).toMatchObject({ scope: [s], role: "viewer" });
  });

  it("lists only keys whose scope is within its own, page by page, and never shows another customer's id", async () => {
    const inside = [scoped.id, (await createKey("operator", { scope: [s] })).id];
    const outside = [
      unscoped.id,
      (await createKey("viewer", { scope: [t] })).id,
      (await createKey("operator", { scope: [s, t] })).id,
      (await createKey("viewer")).id,
    ];
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(`/api/v1/api-keys?limit=1${cursor ? `&cursor=${cursor}` : ""}`, {
        headers: scoped.headers,
      });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toContain(t);
      const page = JSON.parse(text) as Page;
      // Filtered in SQL: every page but the last is full, so a page size of 1 still walks every key.
      if (page.nextCursor) expect(page.items).toHaveLength(1);
      for (const key of page.items) {
        expect(key.scope !== "all" && key.scope.every((id) => id === s), key.id).toBe(true);
        seen.push(key.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    for (const id of inside) expect(seen).toContain(id);
    for (const id of outside) expect(seen).not.toContain(id);
    // An unscoped admin still sees every key.
    const everything = await (
      await call("/api/v1/api-keys?limit=1000", { headers: unscoped.headers })
    ).json<Page>();
    expect(everything.items.map((k) => k.id)).toEqual(expect.arrayContaining([...inside, ...outside]));
  });

  it("cannot revoke a key outside its scope: 404 as for a missing key, and the key goes on working", async () => {
    const other = await createKey("viewer", { scope: [t] });
    const strip = (message: string, id: string) => message.replace(id, "ID");
    const missing = await call(`/api/v1/api-keys/${MISSING}`, { method: "DELETE", headers: scoped.headers });
    const missingMessage = strip(
      (await missing.json<{ error: { message: string } }>()).error.message,
      MISSING,
    );
    for (const id of [unscoped.id, other.id]) {
      const res = await call(`/api/v1/api-keys/${id}`, { method: "DELETE", headers: scoped.headers });
      expect(res.status).toBe(404);
      expect(strip((await res.json<{ error: { message: string } }>()).error.message, id)).toBe(
        missingMessage,
      );
    }
    expect((await call("/api/v1/whoami", { headers: unscoped.headers })).status).toBe(200);
    expect((await call("/api/v1/whoami", { headers: other.headers })).status).toBe(200);
    const own = await createKey("viewer", { scope: [s] });
    expect(
      (await call(`/api/v1/api-keys/${own.id}`, { method: "DELETE", headers: scoped.headers })).status,
    ).toBe(200);
    expect((await call("/api/v1/whoami", { headers: own.headers })).status).toBe(401);
  });
});
