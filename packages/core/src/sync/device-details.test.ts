import { describe, expect, it } from "vitest";
import { DEVICE_SYNC_MODELS, type ModelName } from "../models/catalog.ts";
import { runToEnd } from "./run-to-end.ts";
import { initialRunState } from "./state.ts";
import { createMemoryStore } from "./store.ts";
import { FULL, QUICK, simFor } from "./test-sim.ts";

const rows = (store: ReturnType<typeof createMemoryStore>, model: ModelName) => [
  ...(store.tables.get(model)?.values() ?? []),
];

describe("partner- and customer-managed device details", () => {
  it("reads each third-party device's calling record, lines and configuration, and nothing for Cisco's", async () => {
    const env = await simFor(300);
    // A partner-managed device Webex Calling does not know (no calling record): its detail read answers 404.
    await env.control("POST", "/orgs/0/devices", {
      displayName: "Lobby ATA",
      managedBy: "PARTNER",
      product: "Generic ATA",
      mac: "00:11:22:33:44:55",
    });
    const store = createMemoryStore();
    store.newRun();
    const state = await runToEnd(initialRunState([...DEVICE_SYNC_MODELS], FULL), {
      webex: env.webex,
      store,
      orgId: env.orgId,
    });
    expect(state.status).toBe("succeeded");

    const devices = await env.objects("devices");
    const calling = new Map((await env.objects("telephonyDevices")).map((t) => [String(t.id), t]));
    const managed = devices.filter((d) => d.managedBy === "PARTNER" || d.managedBy === "CUSTOMER");
    expect(managed.some((d) => d.managedBy === "PARTNER")).toBe(true);
    expect(managed.some((d) => d.managedBy === "CUSTOMER")).toBe(true);
    // Devices without a Webex Calling record answer 404 and are skipped, not failed.
    const withRecord = managed.filter((d) => calling.has(String(d.id)));
    expect(withRecord.length).toBeLessThan(managed.length);
    const details = rows(store, "DeviceCallingDetails");
    expect(details.map((r) => r.id).sort()).toEqual(withRecord.map((d) => String(d.id)).sort());
    for (const row of details) {
      const record = calling.get(row.id)!;
      const owner = record.owner as { sipUserName: string; linePort: string };
      expect(row.columns).toMatchObject({
        mac: record.mac,
        model: record.model,
        managedBy: record.managedBy,
        sipUserName: owner.sipUserName,
        linePort: owner.linePort,
        outboundProxy: (record.proxy as { outboundProxy: string }).outboundProxy,
        activationState: record.activationState,
        deviceId: row.id,
      });
    }
    // One primary line per device here, on port 1, owned by the device's person or workspace.
    const lines = rows(store, "DeviceLines");
    expect(lines).toHaveLength(withRecord.length);
    for (const line of lines) {
      const device = devices.find((d) => d.id === line.columns.deviceId)!;
      expect(line.columns.memberId).toBe(device.personId ?? device.workspaceId);
      expect(line.columns).toMatchObject({ port: 1, primaryOwner: true, lineType: "PRIMARY" });
    }
    // Configuration: one row per key per device, queryable by key and source.
    const config = rows(store, "DeviceConfiguration");
    const keys = new Set(config.map((r) => r.columns.key));
    expect(keys.has("Audio.Ultrasound.MaxVolume")).toBe(true);
    expect(config).toHaveLength(keys.size * managed.length);
    expect(config.find((r) => r.columns.key === "Audio.Ultrasound.MaxVolume")!.columns).toMatchObject({
      value: "70",
      source: "default",
    });
    // Cisco-managed devices are not read one by one.
    const cisco = devices.filter((d) => d.managedBy === "CISCO").map((d) => String(d.id));
    expect(details.some((r) => cisco.includes(r.id))).toBe(false);
  });

  it("leaves the per-device reads to full syncs (Quick Import lists only)", async () => {
    const env = await simFor(60);
    const store = createMemoryStore();
    store.newRun();
    const state = await runToEnd(initialRunState([...DEVICE_SYNC_MODELS], QUICK), {
      webex: env.webex,
      store,
      orgId: env.orgId,
    });
    expect(state.status).toBe("succeeded");
    expect(rows(store, "Device").length).toBeGreaterThan(0);
    expect(rows(store, "DeviceCallingDetails")).toHaveLength(0);
  });
});
