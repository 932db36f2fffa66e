import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { generateApiKey } from "@wxsync/core/api-keys";
import { beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../test/helpers.ts";
import worker from "../index.ts";

/** The test bindings allow many failures (every test file fails from one address); these tests allow few. */
const FAILURES = 3;
const strict = { ...env, AUTH_FAILURES_PER_MINUTE: String(FAILURES) } as Env;

/** A request through the real entrypoint, from `ip` as Cloudflare would report it. */
const from = (ip: string, path: string, headers: Record<string, string> = {}) =>
  worker.fetch(
    new Request(`https://wxsync.test${path}`, { headers: { ...headers, "cf-connecting-ip": ip } }),
    strict,
    createExecutionContext(),
  );

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (key: string) => ({ authorization: `Basic ${btoa(`admin:${key}`)}` });

let admin: Awaited<ReturnType<typeof createKey>>;

beforeAll(async () => {
  admin = await createKey("admin");
});

describe("failed authentication, per client", () => {
  it("answers 429 with Retry-After after N bad keys from one address, without looking at the key", async () => {
    const ip = "203.0.113.10";
    for (let i = 0; i < FAILURES; i++) {
      const res = await from(ip, "/api/v1/whoami", bearer(generateApiKey()));
      expect(res.status).toBe(401);
    }
    const refused = await from(ip, "/api/v1/whoami", bearer(generateApiKey()));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({
      error: { code: "RATE_LIMITED", message: expect.stringContaining("Too many failed sign-ins") },
    });
    // Not even checked: the right key from the throttled address waits too...
    expect((await from(ip, "/api/v1/whoami", admin.headers)).status).toBe(429);
    // ...while the same key from another address works.
    expect((await from("203.0.113.11", "/api/v1/whoami", admin.headers)).status).toBe(200);
  });

  it("counts malformed keys and other schemes, but not requests without credentials", async () => {
    const ip = "203.0.113.20";
    for (let i = 0; i < FAILURES + 2; i++) expect((await from(ip, "/api/v1/whoami")).status).toBe(401);
    expect((await from(ip, "/api/v1/whoami", bearer("wxs_short"))).status).toBe(401);
    expect((await from(ip, "/api/v1/whoami", basic(admin.key))).status).toBe(401);
    expect((await from(ip, "/api/v1/whoami", bearer(generateApiKey()))).status).toBe(401);
    expect((await from(ip, "/api/v1/whoami", admin.headers)).status).toBe(429);
  });

  it("never spends the budget on a good key", async () => {
    const ip = "203.0.113.30";
    for (let i = 0; i < FAILURES * 3; i++)
      expect((await from(ip, "/api/v1/whoami", admin.headers)).status).toBe(200);
    for (let i = 0; i < FAILURES; i++)
      expect((await from(ip, "/api/v1/whoami", bearer(generateApiKey()))).status).toBe(401);
  });

  it("leaves the public paths alone", async () => {
    const ip = "203.0.113.40";
    for (let i = 0; i <= FAILURES; i++) await from(ip, "/api/v1/whoami", bearer(generateApiKey()));
    expect((await from(ip, "/api/v1/health")).status).toBe(200);
  });

  it("throttles wrong passwords on the status page, and shares the count with the API", async () => {
    const ip = "203.0.113.50";
    for (let i = 0; i < FAILURES; i++)
      expect((await from(ip, "/", basic(generateApiKey()))).status).toBe(401);
    const refused = await from(ip, "/", basic(admin.key));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("text/html");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(await refused.text()).toContain("Too many failed sign-ins");
    expect((await from(ip, "/api/v1/whoami", admin.headers)).status).toBe(429);
    expect((await from("203.0.113.51", "/", basic(admin.key))).status).toBe(200);
  });

  it("counts a revoked key on the status page as a failure", async () => {
    const ip = "203.0.113.60";
    const revoked = await createKey("admin", { revoked: true });
    for (let i = 0; i < FAILURES; i++) expect((await from(ip, "/", basic(revoked.key))).status).toBe(403);
    expect((await from(ip, "/", basic(admin.key))).status).toBe(429);
  });
});

describe("the key's own limit on the status page", () => {
  it("spends the key's requests like the API does, and refuses with 429 once they are gone", async () => {
    const limited = await createKey("admin", { rateLimitPerMinute: 2 });
    const ip = "203.0.113.70";
    expect((await from(ip, "/", basic(limited.key))).status).toBe(200);
    expect((await from(ip, "/api/v1/whoami", limited.headers)).status).toBe(200);
    const refused = await from(ip, "/", basic(limited.key));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.text()).toContain("2 requests a minute");
    expect((await from(ip, "/api/v1/whoami", limited.headers)).status).toBe(429);
    // A key over its limit is not a failed sign-in: the address keeps its budget for other keys.
    expect((await from(ip, "/api/v1/whoami", admin.headers)).status).toBe(200);
  });
});
