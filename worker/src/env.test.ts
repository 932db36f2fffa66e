import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.ts";
import worker from "./index.ts";

describe("environment validation", () => {
  it("accepts the configured test environment", () => {
    expect(parseEnv(env)).toMatchObject({ ok: true });
  });

  it("names a missing secret and how to set it", () => {
    const result = parseEnv({ DB: env.DB, WEBEX_API_BASE: "https://webexapis.com/v1" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("TOKEN_ENCRYPTION_KEY is not set");
  });

  it("rejects a key of the wrong size and a relative API base", () => {
    const result = parseEnv({ DB: env.DB, WEBEX_API_BASE: "/v1", TOKEN_ENCRYPTION_KEY: btoa("too short") });
    expect(result.ok).toBe(false);
    const message = !result.ok ? result.message : "";
    expect(message).toContain("WEBEX_API_BASE must be an absolute URL");
    expect(message).toContain("TOKEN_ENCRYPTION_KEY must be 32 random bytes");
  });

  it("answers every request with BAD_ENVIRONMENT while a binding is missing", async () => {
    const res = await worker.fetch(
      new Request("https://wxsync.test/api/v1/health"),
      {
        WEBEX_API_BASE: "https://webexapis.com/v1",
        TOKEN_ENCRYPTION_KEY: env.TOKEN_ENCRYPTION_KEY,
      } as unknown as Env,
      createExecutionContext(),
    );
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({
      error: { code: "BAD_ENVIRONMENT", message: expect.stringContaining("DB is not bound") },
    });
  });
});
