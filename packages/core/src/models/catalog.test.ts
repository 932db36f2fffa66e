import { describe, expect, it } from "vitest";
import { inSyncOrder, isModelName, MODEL_NAMES, modelType, resolveModelTypeList } from "./catalog.ts";

describe("model catalog", () => {
  it("has the 27 VOSS default models plus DialPlans, RouteGroups and Trunks", () => {
    expect(MODEL_NAMES).toHaveLength(30);
    expect(new Set(MODEL_NAMES).size).toBe(30);
    expect(modelType("User")).toBe("device/spark/User");
  });

  it("syncs dependencies first", () => {
    const order = (name: (typeof MODEL_NAMES)[number]) => MODEL_NAMES.indexOf(name);
    expect(order("Organization")).toBe(0);
    expect(order("License")).toBeLessThan(order("User"));
    expect(order("Location")).toBeLessThan(order("User"));
    expect(order("Location")).toBeLessThan(order("Place"));
    expect(order("User")).toBeLessThan(order("Device"));
    expect(order("Place")).toBeLessThan(order("Device"));
    expect(order("User")).toBeLessThan(order("Number"));
    expect(order("HuntGroup")).toBeLessThan(order("Number"));
  });

  it("resolves include and exclusion lists in sync order", () => {
    expect(resolveModelTypeList({ include: [], exclude: [] })).toEqual([...MODEL_NAMES]);
    expect(resolveModelTypeList({ include: ["Number", "User", "Location"], exclude: ["Location"] })).toEqual([
      "User",
      "Number",
    ]);
    expect(inSyncOrder(["Device", "Organization"])).toEqual(["Organization", "Device"]);
    expect(isModelName("User")).toBe(true);
    expect(isModelName("device/spark/User")).toBe(false);
  });
});
