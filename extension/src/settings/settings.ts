/**
 * @module settings
 * Where the extension finds its wxsync worker, and the API key it uses there. Kept in extension storage,
 * which content scripts cannot read: only the background service worker ever sees the key.
 */
import { storage } from "wxt/utils/storage";

export type Settings = { workerUrl: string; apiKey: string };

// A local `npm start` serves the worker here; a deployed worker is set on the options page.
export const DEFAULT_WORKER_URL = "http://127.0.0.1:8787";

export const settingsItem = storage.defineItem<Settings>("local:settings", {
  fallback: { workerUrl: DEFAULT_WORKER_URL, apiKey: "" },
});
