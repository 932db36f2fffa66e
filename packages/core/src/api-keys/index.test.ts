import { describe, expect, it } from "vitest";
import { apiKeyHint, generateApiKey, hashApiKey, isApiKeyFormat } from "./index.ts";

describe("api keys", () => {
  it("generates distinct keys in the documented format", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(isApiKeyFormat(a)).toBe(true);
    expect(a).not.toBe(b);
  });

  it("rejects strings that are not keys", () => {
    expect(isApiKeyFormat("wxs_short")).toBe(false);
    expect(isApiKeyFormat(`xyz_${"a".repeat(43)}`)).toBe(false);
  });

  it("hashes deterministically to 64 hex chars without containing the key", async () => {
    const key = generateApiKey();
    const hash = await hashApiKey(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashApiKey(key)).toBe(hash);
    expect(hash).not.toContain(key.slice(4, 12));
    // FIPS 180-2 test vector: the hash is plain SHA-256, so any tool can recompute it.
    expect(await hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("shows only a short hint", () => {
    const key = generateApiKey();
    expect(apiKeyHint(key)).toHaveLength(9);
    expect(key.startsWith(apiKeyHint(key).slice(0, 8))).toBe(true);
  });
});
