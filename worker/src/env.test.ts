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

const bytes = (values: number[]) => btoa(String.fromCharCode(...values));
const random = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe("a weak TOKEN_ENCRYPTION_KEY", () => {
  const keyMessage = (key: string) => {
    const result = parseEnv({ ...env, TOKEN_ENCRYPTION_KEY: key });
    return result.ok ? null : result.message;
  };

  it.each([
    ["too short", bytes(Array.from({ length: 16 }, (_, i) => i * 13)), "decodes to 16 bytes, not 32"],
    ["too long", bytes(Array.from({ length: 48 }, (_, i) => i * 5)), "decodes to 48 bytes, not 32"],
    ["not base64", "this is not base64!", "is not base64"],
    ["all zeros", bytes(Array(32).fill(0)), "is one byte repeated 32 times"],
    ["one byte repeated", bytes(Array(32).fill(0xa7)), "is one byte repeated 32 times"],
    [
      "few distinct bytes",
      bytes(Array.from({ length: 32 }, (_, i) => (i % 8) * 31)),
      "holds only 8 different byte values",
    ],
    ["a passphrase", btoa("correct horse battery staple 42!"), "is readable text (a passphrase?)"],
    [
      "the old test key, ASCII text",
      "dGVzdC1vbmx5LWtleS0zMi1ieXRlcy1sb25nLTEyMzQ=",
      "holds only 15 different byte values",
    ],
  ])("is refused at start when %s, saying how to make a good one", (_, key, problem) => {
    const message = keyMessage(key);
    expect(message).toContain(
      `TOKEN_ENCRYPTION_KEY must be 32 random bytes, base64-encoded, and this one ${problem}`,
    );
    expect(message).toContain("openssl rand -base64 32");
    expect(message).not.toContain(key);
  });

  it("never refuses a random key (a hundred of them, as openssl or npm start make them)", () => {
    for (let i = 0; i < 100; i++) expect(keyMessage(random())).toBeNull();
  });

  it("refuses a previous key of the wrong size, naming its version, but keeps a weak one readable", () => {
    const result = parseEnv({
      ...env,
      TOKEN_ENCRYPTION_PREVIOUS_KEYS: JSON.stringify({ 1: btoa("short"), 2: random() }),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(
      "TOKEN_ENCRYPTION_PREVIOUS_KEYS.1 must be 32 random bytes, base64-encoded, and this one decodes to 5 bytes",
    );
    const weak = btoa("correct horse battery staple 42!");
    expect(parseEnv({ ...env, TOKEN_ENCRYPTION_PREVIOUS_KEYS: JSON.stringify({ 1: weak }) })).toMatchObject({
      ok: true,
      env: { TOKEN_ENCRYPTION_PREVIOUS_KEYS: { 1: weak } },
    });
    expect(parseEnv({ ...env, TOKEN_ENCRYPTION_PREVIOUS_KEYS: "{1:" })).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        'TOKEN_ENCRYPTION_PREVIOUS_KEYS must be JSON like {"1":"<old base64 key>"}',
      ),
    });
  });
});
