import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, diffFields } from "./canonical.ts";

describe("canonical payloads", () => {
  it("hashes objects the same whatever their key order", async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(await contentHash({ a: 1, b: 2 })).toBe(await contentHash({ b: 2, a: 1 }));
    expect(await contentHash({ a: 1 })).not.toBe(await contentHash({ a: 2 }));
  });

  it("lists what changed field by field", () => {
    const before = { displayName: "Ann", emails: ["ann@x"], address: { city: "Oslo", zip: "1" }, gone: true };
    const after = {
      displayName: "Ann B",
      emails: ["ann@x"],
      address: { city: "Bergen", zip: "1" },
      added: 5,
    };
    expect(diffFields(before, after)).toEqual([
      { path: "added", before: null, after: 5 },
      { path: "address.city", before: "Oslo", after: "Bergen" },
      { path: "displayName", before: "Ann", after: "Ann B" },
      { path: "gone", before: true, after: null },
    ]);
  });
});
