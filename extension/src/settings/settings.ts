/**
 * @module settings
 * Where the extension finds its wxsync worker, and the API key it uses there. Both live in the extension
 * origin's IndexedDB, read and written only by the background service worker: a content script runs in the
 * web page's origin and cannot open that database on any browser, whereas `storage.local` is open to content
 * scripts unless the browser lets us restrict it (Chrome's `setAccessLevel`, not Firefox). The worker URL is
 * guarded as closely as the key: whoever could change it would receive the key with the next request.
 */
import { z } from "zod";

export type Settings = { workerUrl: string; apiKey: string };

// A local `npm start` serves the worker here; a deployed worker is set on the options page.
export const DEFAULT_WORKER_URL = "http://127.0.0.1:8787";
export const DEFAULT_SETTINGS: Settings = { workerUrl: DEFAULT_WORKER_URL, apiKey: "" };

export const settingsSchema = z.object({ workerUrl: z.string().max(2048), apiKey: z.string().max(200) });

export type SettingsStore = { get(): Promise<Settings>; set(settings: Settings): Promise<void> };

const DB = "wxsync";
const STORE = "settings";
const KEY = "current";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The settings in IndexedDB (`factory` injected so tests can use an in-memory one). */
export function idbSettingsStore(factory: IDBFactory = indexedDB): SettingsStore {
  const open = () => {
    const req = factory.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    return request(req);
  };
  const run = async <T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>) => {
    const db = await open();
    try {
      return await request(act(db.transaction(STORE, mode).objectStore(STORE)));
    } finally {
      db.close();
    }
  };
  return {
    async get() {
      const stored = settingsSchema.safeParse(await run("readonly", (s) => s.get(KEY)));
      return stored.success ? stored.data : DEFAULT_SETTINGS;
    },
    async set(settings) {
      await run("readwrite", (s) => s.put(settingsSchema.parse(settings), KEY));
    },
  };
}

type LegacyArea = {
  get(key: string): Promise<Record<string, unknown>>;
  remove(key: string): Promise<void>;
};

/**
 * Versions before 0.2 kept the settings in `storage.local` ("settings"). They move once, only into an empty
 * store (so nothing written there later, say by a content script on a browser that cannot restrict `local`,
 * can ever replace what the user saved), and the old copy is deleted either way.
 */
export async function moveLegacySettings(store: SettingsStore, legacy: LegacyArea): Promise<boolean> {
  const old = settingsSchema.safeParse((await legacy.get("settings")).settings);
  if (!old.success) return false;
  const current = await store.get();
  const empty = current.apiKey === "" && current.workerUrl === DEFAULT_WORKER_URL;
  if (empty) await store.set(old.data);
  await legacy.remove("settings");
  return empty;
}

/**
 * Asks the browser to keep `storage.local` from content scripts (Chrome's setAccessLevel on `local`). Returns
 * whether it did: Firefox and older Chrome offer it for `session` only, where it is the default anyway.
 */
export async function restrictLocalStorage(local: object): Promise<boolean> {
  const area = local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  if (typeof area.setAccessLevel !== "function") return false;
  try {
    await area.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" });
    return true;
  } catch {
    return false;
  }
}
