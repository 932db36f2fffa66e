import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";

describe("API key authentication", () => {
  it("refuses a request without a key, in the error envelope", async () => {
    const res = await call("/api/v1/whoami");
    expect(res.status).toBe(401);
    const body = await res.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe("UNAUTHORIZED");
    expect(body.error.message).toContain("Authorization: Bearer");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("refuses a malformed key and says what a key looks like", async () => {
    const res = await call("/api/v1/whoami", { headers: { authorization: "Bearer hunter2" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: "UNAUTHORIZED", message: expect.stringContaining("wxs_") },
    });
  });

  it("refuses a revoked key", async () => {
    const { headers } = await createKey("admin", { revoked: true });
    const res = await call("/api/v1/whoami", { headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { message: "The API key is unknown or has been revoked." },
    });
  });

  it("identifies a valid key by name, role and scope, never echoing the key or its hash", async () => {
    const { id, key, headers } = await createKey("viewer", { name: "reporting", scope: ["cust-1"] });
    const res = await call("/api/v1/whoami", { headers });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      keyId: id,
      name: "reporting",
      role: "viewer",
      scope: ["cust-1"],
      rateLimitPerMinute: null,
    });
    expect(text).not.toContain(key);
    const row = await env.DB.prepare("SELECT key_hash, last_used_at FROM api_keys WHERE id = ?")
      .bind(id)
      .first<{ key_hash: string; last_used_at: string | null }>();
    expect(text).not.toContain(row?.key_hash);
  });

  it("stores only the hash of a key", async () => {
    const { id, key } = await createKey("admin");
    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(id).first();
    expect(JSON.stringify(row)).not.toContain(key);
  });
});
