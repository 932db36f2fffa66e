import { describe, expect, it } from "vitest";
import { createVault, VaultError } from "./vault.ts";

const keyA = btoa("a".repeat(32));
const keyB = btoa("b".repeat(32));

describe("vault", () => {
  it("round-trips a secret and never stores it in the clear", async () => {
    const vault = createVault({ version: 1, key: keyA, previous: {} });
    const sealed = await vault.encrypt("access-token-123", "customer:c1:access_token");
    expect(sealed).toMatch(/^wxv1:/);
    expect(sealed).not.toContain("access-token-123");
    expect(await vault.decrypt(sealed, "customer:c1:access_token")).toBe("access-token-123");
  });

  it("uses a fresh IV: the same secret seals differently each time", async () => {
    const vault = createVault({ version: 1, key: keyA, previous: {} });
    expect(await vault.encrypt("x", "c")).not.toBe(await vault.encrypt("x", "c"));
  });

  it("refuses to open a value under another customer or field", async () => {
    const vault = createVault({ version: 1, key: keyA, previous: {} });
    const sealed = await vault.encrypt("token", "customer:c1:refresh_token");
    await expect(vault.decrypt(sealed, "customer:c2:refresh_token")).rejects.toBeInstanceOf(VaultError);
    await expect(vault.decrypt(sealed, "customer:c1:access_token")).rejects.toBeInstanceOf(VaultError);
  });

  it("reads values sealed under a previous key after rotation, and flags them stale", async () => {
    const before = createVault({ version: 1, key: keyA, previous: {} });
    const sealed = await before.encrypt("token", "ctx");
    const after = createVault({ version: 2, key: keyB, previous: { 1: keyA } });
    expect(await after.decrypt(sealed, "ctx")).toBe("token");
    expect(after.isStale(sealed)).toBe(true);
    expect(after.isStale(await after.encrypt("token", "ctx"))).toBe(false);
    const forgot = createVault({ version: 2, key: keyB, previous: {} });
    await expect(forgot.decrypt(sealed, "ctx")).rejects.toThrow("no key for version 1");
  });
});
