/**
 * Launches Debian's Chromium with the built extension loaded unpacked, admin.webex.com mapped to the
 * fake Control Hub, and the extension pointed at the test worker.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Worker } from "playwright-core";

export const EXTENSION_ID = "aiaaldgddgmfdcenglabnccahmakebko";

import { findChromium } from "../../scripts/lib/chromium.ts";

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.",
    );
  }
  return found;
}

export type ExtensionBrowser = { context: BrowserContext; background: Worker; close: () => Promise<void> };

export async function launchWithExtension(options: {
  extensionDir: string;
  controlHubPort: number;
  settings: { workerUrl: string; apiKey: string };
}): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "wxsync-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      "--headless=new",
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      `--host-resolver-rules=MAP admin.webex.com 127.0.0.1:${options.controlHubPort}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const background = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  await background.evaluate(async (settings) => {
    // Runs inside the extension's service worker, where `chrome` is the extension API.
    type StorageApi = { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await (globalThis as unknown as StorageApi).chrome.storage.local.set({ settings });
  }, options.settings);
  return {
    context,
    background,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
