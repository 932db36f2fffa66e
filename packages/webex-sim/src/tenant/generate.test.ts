import { describe, expect, it } from "vitest";
import { generateTenant, tenantSpec } from "./generate.ts";
import type { Tenant } from "./types.ts";
import { MODEL_NAMES } from "./types.ts";

function snapshot(t: Tenant): string {
  const orgs = [t.partner, ...t.customers].map((o) => ({
    id: o.id,
    models: Object.fromEntries(MODEL_NAMES.map((m) => [m, o.collections[m].items])),
  }));
  return JSON.stringify({ orgs, enterprises: t.enterprises });
}

describe("tenant generator", () => {
  it("gives the same tenant byte for byte for the same seed, and another for another seed", () => {
    const a = snapshot(generateTenant(tenantSpec({ seed: 5, profile: "demo" })));
    const b = snapshot(generateTenant(tenantSpec({ seed: 5, profile: "demo" })));
    const c = snapshot(generateTenant(tenantSpec({ seed: 6, profile: "demo" })));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("builds the demo profile: a partner and customers of 50, 200 and 500 users with realistic ratios", () => {
    const t = generateTenant(tenantSpec({ seed: 1, profile: "demo" }));
    expect(t.customers.map((o) => o.collections.people.size)).toEqual([50, 200, 500]);
    const big = t.customers[2]!.collections;
    expect(big.locations.size).toBe(3);
    expect(big.workspaces.size).toBe(25);
    expect(big.devices.size / 500).toBeGreaterThan(1.0);
    expect(big.devices.size / 500).toBeLessThan(1.25);
    expect(big.numbers.size).toBe(750);
    expect(t.enterprises.map((e) => e.cluster).sort()).toEqual([
      "BWKS-CLUSTER-EAST",
      "BWKS-CLUSTER-EAST",
      "BWKS-CLUSTER-WEST",
    ]);
    for (const model of MODEL_NAMES) expect(big[model].size, model).toBeGreaterThan(0);
  });

  it("keeps licence consumption consistent with the assignments", () => {
    const org = generateTenant(tenantSpec({ seed: 3, users: 300 })).customers[0]!;
    for (const lic of org.collections.licenses.items) {
      const users = org.collections.people.items.filter((p) =>
        (p.licenses as string[]).includes(String(lic.id)),
      ).length;
      const ws = org.collections.workspaces.items.filter((w) =>
        JSON.stringify(w.calling).includes(String(lic.id)),
      ).length;
      expect(lic.consumedByUsers).toBe(users);
      expect(lic.consumedByWorkspaces).toBe(ws);
      expect(lic.consumedUnits).toBe(users + ws);
      expect(Number(lic.totalUnits)).toBeGreaterThanOrEqual(users + ws);
    }
  });

  it("has unassigned and inactive numbers, and numbers owned by people, workspaces, hunt groups and auto attendants", () => {
    const org = generateTenant(tenantSpec({ seed: 2, users: 400 })).customers[0]!;
    const owners = new Set(
      org.collections.numbers.items.map((n) => (n.owner as { type?: string } | undefined)?.type),
    );
    for (const type of ["PEOPLE", "PLACE", "HUNT_GROUP", "AUTO_ATTENDANT", undefined])
      expect(owners).toContain(type);
    expect(org.collections.numbers.items.some((n) => n.state === "INACTIVE")).toBe(true);
    const managed = new Set(org.collections.telephonyDevices.items.map((d) => d.managedBy));
    expect(managed).toEqual(new Set(["CISCO", "PARTNER", "CUSTOMER"]));
  });

  it("generates 100,000 users in a few seconds", () => {
    const started = performance.now();
    const org = generateTenant(tenantSpec({ seed: 1, users: 100_000 })).customers[0]!;
    const seconds = (performance.now() - started) / 1000;
    expect(org.collections.people.size).toBe(100_000);
    expect(org.collections.numbers.size).toBe(150_000);
    // About 3 s alone (see the benchmark); the bound leaves room for the other test files running alongside.
    expect(seconds).toBeLessThan(15);
  }, 30_000);
});
