/**
 * Launches Debian's Chromium with the built extension loaded unpacked, admin.webex.com mapped to the
 * fake Control Hub, and the extension pointed at the test worker.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

export type ExtensionBrowser = {
  context: BrowserContext;
  background: Worker;
  /** Where the browser's download manager saves files (exports go through `browser.downloads`). */
  downloadDir: string;
  close: () => Promise<void>;
};

type Settings = { workerUrl: string; apiKey: string };

/**
 * Saves the extension's settings as its options page does: a message from an extension page to the background,
 * which keeps them in the extension's IndexedDB (storage.local no longer holds them).
 */
export async function saveSettings(context: BrowserContext, settings: Settings): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const answer = await page.evaluate(async (payload) => {
    type Runtime = { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } };
    return (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ type: "settings.save", payload });
  }, settings);
  await page.close();
  if ((answer as { saved?: boolean } | undefined)?.saved !== true)
    throw new Error(`settings.save: ${JSON.stringify(answer)}`);
}

export async function launchWithExtension(options: {
  extensionDir: string;
  controlHubPort: number;
  settings: { workerUrl: string; apiKey: string };
}): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "wxsync-chromium-"));
  const downloadDir = mkdtempSync(join(tmpdir(), "wxsync-downloads-"));
  // The browser's own download folder, without asking: exports are saved by Chrome's download manager.
  mkdirSync(join(profile, "Default"), { recursive: true });
  writeFileSync(
    join(profile, "Default", "Preferences"),
    JSON.stringify({ download: { default_directory: downloadDir, prompt_for_download: false } }),
  );
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
  // Playwright takes over downloads (saving them under GUIDs, ignoring the name an extension gives): hand them
  // back to the browser's own download manager, so the test sees the file as a user would.
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Browser.setDownloadBehavior", { behavior: "default" });
  await saveSettings(context, options.settings);
  return {
    context,
    background,
    downloadDir,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}
