import { describe, expect, it } from "vitest";
import {
  DEVICE_SYNC_MODELS,
  inSyncOrder,
  isModelName,
  MODEL_NAMES,
  modelType,
  resolveModelTypeList,
  SPARK_DATA_ALL_MODELS,
} from "./catalog.ts";

describe("model catalog", () => {
  it("has the 27 VOSS default models plus DialPlans, RouteGroups and Trunks, and the device details", () => {
    expect(SPARK_DATA_ALL_MODELS).toHaveLength(30);
    expect(MODEL_NAMES).toHaveLength(33);
    expect(new Set(MODEL_NAMES).size).toBe(33);
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
    // Device details are read per listed device.
    for (const model of DEVICE_SYNC_MODELS.slice(1)) expect(order("Device")).toBeLessThan(order(model));
  });

  it("resolves include and exclusion lists in sync order", () => {
    // SparkDataAllMTL stays VOSS's list: the per-device details have their own daily sync.
    expect(resolveModelTypeList({ include: [], exclude: [] })).toEqual([...SPARK_DATA_ALL_MODELS]);
    expect(resolveModelTypeList({ include: ["DeviceLines", "Device"], exclude: [] })).toEqual([
      "Device",
      "DeviceLines",
    ]);
    expect(resolveModelTypeList({ include: ["Number", "User", "Location"], exclude: ["Location"] })).toEqual([
      "User",
      "Number",
    ]);
    expect(inSyncOrder(["Device", "Organization"])).toEqual(["Organization", "Device"]);
    expect(isModelName("User")).toBe(true);
    expect(isModelName("device/spark/User")).toBe(false);
  });
});
