import { describe, expect, it, vi } from "vitest";
import {
  DEFAULT_SETTINGS,
  moveLegacySettings,
  restrictLocalStorage,
  type Settings,
  type SettingsStore,
} from "./settings.ts";

function memoryStore(initial: Settings = DEFAULT_SETTINGS): SettingsStore & { value: Settings } {
  const store = {
    value: initial,
    get: async () => store.value,
    set: async (s: Settings) => {
      store.value = s;
    },
  };
  return store;
}
const legacyArea = (settings: unknown) => {
  const data: Record<string, unknown> = { settings };
  return {
    data,
    get: async (key: string) => ({ [key]: data[key] }),
    remove: async (key: string) => {
      delete data[key];
    },
  };
};
const key = `wxs_${"A".repeat(43)}`;

describe("settings kept from content scripts", () => {
  it("moves settings an older version left in storage.local into the store, and deletes them there", async () => {
    const store = memoryStore();
    const legacy = legacyArea({ workerUrl: "https://wxsync.example.com", apiKey: key });
    expect(await moveLegacySettings(store, legacy)).toBe(true);
    expect(store.value).toEqual({ workerUrl: "https://wxsync.example.com", apiKey: key });
    expect(legacy.data.settings).toBeUndefined();
  });

  it("never lets a storage.local entry replace saved settings (only the first move counts)", async () => {
    const saved = { workerUrl: "https://wxsync.example.com", apiKey: key };
    const store = memoryStore(saved);
    const planted = legacyArea({ workerUrl: "https://evil.example", apiKey: "" });
    expect(await moveLegacySettings(store, planted)).toBe(false);
    expect(store.value).toEqual(saved);
    expect(planted.data.settings).toBeUndefined();
    expect(await moveLegacySettings(store, legacyArea(undefined))).toBe(false);
  });

  it("asks the browser to keep storage.local from content scripts where it can, and says when it cannot", async () => {
    const setAccessLevel = vi.fn(async () => {});
    expect(await restrictLocalStorage({ setAccessLevel })).toBe(true);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: "TRUSTED_CONTEXTS" });
    expect(await restrictLocalStorage({})).toBe(false);
    const refusing = {
      setAccessLevel: async () => {
        throw new Error("This StorageArea does not support setting the access level");
      },
    };
    expect(await restrictLocalStorage(refusing)).toBe(false);
  });
});
