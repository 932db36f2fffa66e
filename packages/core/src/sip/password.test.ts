import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSipPassword, sipPasswordProblems } from "./password.ts";

const random = (n: number) => new Uint8Array(randomBytes(n));

describe("SIP passwords", () => {
  it("names every rule a password breaks", () => {
    expect(sipPasswordProblems("Test4Password123&")).toEqual([
      "must not contain three consecutive letters or digits (abc, 321)",
    ]);
    expect(sipPasswordProblems("Tq4#Passw0rd!x")).toEqual([]);
    expect(sipPasswordProblems("short")).toEqual(
      expect.arrayContaining([
        "must be at least 8 characters",
        "must contain an upper-case letter",
        "must contain a digit",
        "must contain a special character",
      ]),
    );
    expect(sipPasswordProblems("Xk7#aaaPq")).toContain("must not repeat a character three times in a row");
    expect(sipPasswordProblems("Zx9!q928293x", "392829")).toContain(
      "must not contain the SIP user name, forwards or backwards",
    );
    expect(sipPasswordProblems("Zx9!q392829x", "392829")).toContain(
      "must not contain the SIP user name, forwards or backwards",
    );
  });

  it("generates passwords that meet every rule, different each time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const password = generateSipPassword(random, { sipUserName: "392829" });
      expect(sipPasswordProblems(password, "392829")).toEqual([]);
      expect(password).toHaveLength(24);
      seen.add(password);
    }
    expect(seen.size).toBe(500);
  });

  it("draws again when chance breaks a rule", () => {
    // A source that first yields only 'a' (index 0 of every set), then real randomness.
    let calls = 0;
    const rigged = (n: number) => (calls++ < 30 ? new Uint8Array(n) : random(n));
    const password = generateSipPassword(rigged);
    expect(sipPasswordProblems(password)).toEqual([]);
  });
});
