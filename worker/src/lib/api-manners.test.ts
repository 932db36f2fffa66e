import { beforeAll, describe, expect, it } from "vitest";
import { TEST_EXTENSION_ORIGIN } from "../../test/constants.ts";
import { call, createKey } from "../../test/helpers.ts";
import { createCustomer, sim, simOrgs } from "../../test/sim.ts";

let admin: Record<string, string>;

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  const orgs = (await simOrgs()).filter((o) => o.ref !== "partner");
  for (const [i, org] of orgs.entries())
    await createCustomer(admin, `Manners ${String.fromCharCode(67 - i)}`, org.uuid, { syncOnCreate: false });
});

describe("ETags", () => {
  it("answers a repeated read with 304 and no body until the data changes", async () => {
    const first = await call("/api/v1/customers", { headers: admin });
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    const again = await call("/api/v1/customers", { headers: { ...admin, "if-none-match": tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const { items } = await first.json<{ items: { id: string }[] }>();
    await call(`/api/v1/customers/${items[0]!.id}`, {
      method: "PATCH",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({ notes: "changed" }),
    });
    const changed = await call("/api/v1/customers", { headers: { ...admin, "if-none-match": tag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
  });
});

describe("CORS", () => {
  it("lets the extension's origin read answers and preflight, and no other origin", async () => {
    const ok = await call("/api/v1/whoami", { headers: { ...admin, origin: TEST_EXTENSION_ORIGIN } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(TEST_EXTENSION_ORIGIN);
    expect(ok.headers.get("access-control-expose-headers")).toContain("etag");
    const preflight = await call("/api/v1/customers", {
      method: "OPTIONS",
      headers: {
        origin: TEST_EXTENSION_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(TEST_EXTENSION_ORIGIN);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");

    for (const origin of ["https://evil.example", "chrome-extension://otherextensionidotherextensio"]) {
      const res = await call("/api/v1/whoami", { headers: { ...admin, origin } });
      expect(res.headers.get("access-control-allow-origin"), origin).toBeNull();
      const pre = await call("/api/v1/customers", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "DELETE" },
      });
      expect(pre.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
    const same = await call("/api/v1/whoami", { headers: { ...admin, origin: "https://wxsync.test" } });
    expect(same.headers.get("access-control-allow-origin")).toBe("https://wxsync.test");
  });

  it("keeps CORS headers on errors, so the extension can read the error envelope", async () => {
    const res = await call("/api/v1/customers/not-a-uuid", {
      headers: { ...admin, origin: TEST_EXTENSION_ORIGIN },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("access-control-allow-origin")).toBe(TEST_EXTENSION_ORIGIN);
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a key spends its limit, and leaves other keys alone", async () => {
    const limited = await createKey("viewer", { rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call("/api/v1/whoami", { headers: limited.headers });
      statuses.push(res.status);
      expect(res.headers.get("ratelimit-limit")).toBe("3");
      expect(res.headers.get("ratelimit-remaining")).toBe(String(2 - i));
    }
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await call("/api/v1/whoami", { headers: limited.headers });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    // 3 a minute: the next token arrives within 20 s.
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    const body = await refused.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.message).toContain("3 requests a minute");
    expect((await call("/api/v1/whoami", { headers: admin })).status).toBe(200);
  });
});

describe("lists", () => {
  it("page, sort and refuse foreign cursors the same way everywhere", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`/api/v1/customers?sort=-name&limit=1${cursor ? `&cursor=${cursor}` : ""}`, {
        headers: admin,
      });
      const page = await res.json<{ items: { name: string }[]; nextCursor: string | null }>();
      names.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(["Manners C", "Manners B", "Manners A"]);

    const first = await (await call("/api/v1/customers?limit=1", { headers: admin })).json<{
      nextCursor: string;
    }>();
    const foreign = await call(`/api/v1/customers?sort=createdAt&cursor=${first.nextCursor}`, {
      headers: admin,
    });
    expect(foreign.status).toBe(400);
    expect((await foreign.json<{ error: { message: string } }>()).error.message).toContain("query.cursor");
    for (const path of [
      "/api/v1/customers",
      "/api/v1/api-keys",
      "/api/v1/partners",
      "/api/v1/transactions",
      "/api/v1/notifications",
      "/api/v1/logs",
      "/api/v1/model-type-lists",
    ]) {
      const res = await call(`${path}?limit=1001`, { headers: admin });
      expect(res.status, path).toBe(400);
      expect((await res.json<{ error: { message: string } }>()).error.message, path).toContain("query.limit");
      const ok = await (await call(`${path}?limit=1`, { headers: admin })).json<object>();
      expect(Object.keys(ok).sort(), path).toEqual(["items", "nextCursor"]);
    }
  });
});
