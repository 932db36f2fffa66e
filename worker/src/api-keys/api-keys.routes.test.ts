import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
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
