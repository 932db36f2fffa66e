import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EXTENSION_ID, type ExtensionBrowser, launchWithExtension } from "./browser.ts";
import { panel, panelFrame } from "./panel.ts";

describe("the overlay on admin.webex.com", () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchWithExtension({
      extensionDir: inject("extensionDir"),
      controlHubPort: inject("controlHubPort"),
      settings: { workerUrl: inject("workerUrl"), apiKey: "" },
    });
  });
  afterAll(async () => browser?.close());

  it("reports the worker's health on https://admin.webex.com/", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://admin.webex.com/");
    await panelFrame(page);
    const health = panel(page, "wxsync-health");
    await expect
      .poll(() => health.textContent(), { timeout: 20_000 })
      .toMatch(/^worker ok · v\d+\.\d+\.\d+ · database ok$/);
    // Control Hub's own page is still there and untouched.
    expect(await page.locator("#control-hub h1").textContent()).toBe("Control Hub");
    await page.screenshot({ path: join(inject("artifactsDir"), "overlay-health.png") });
  });

  it("runs under the fixed id whose origin the worker allows (CORS)", async () => {
    const id = EXTENSION_ID;
    expect(new URL(browser.background.url()).host).toBe(id);
    // The worker, configured by worker/wrangler.jsonc, allows exactly that origin. (Asked from here: a request
    // from the extension's own service worker rides on its host permission and carries no Origin to check.)
    const res = await fetch(`${inject("workerUrl")}/api/v1/health`, {
      headers: { origin: `chrome-extension://${id}` },
    });
    const allowed = res.headers.get("access-control-allow-origin");
    expect(allowed).toBe(`chrome-extension://${id}`);
  });

  it("keeps its settings in the extension's IndexedDB, none in storage.local (open to content scripts)", async () => {
    const found = await browser.background.evaluate(async () => {
      type Local = {
        chrome: {
          storage: {
            local: {
              get(k: null): Promise<object>;
              setAccessLevel?: (o: { accessLevel: string }) => Promise<void>;
            };
          };
        };
      };
      const local = (globalThis as unknown as Local).chrome.storage.local;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open("wxsync");
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stored = await new Promise<unknown>((resolve, reject) => {
        const req = db.transaction("settings").objectStore("settings").get("current");
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.close();
      // What the background asks at start: does this browser let it shut content scripts out of `local`?
      const restrict = local.setAccessLevel
        ? await local.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).then(
            () => "done",
            (error: unknown) => String(error),
          )
        : "not offered";
      return { local: await local.get(null), stored, restrict };
    });
    expect(found.stored).toEqual({ workerUrl: inject("workerUrl"), apiKey: "" });
    expect(JSON.stringify(found.local)).not.toContain(inject("workerUrl"));
    // Chromium offers it for `local` (older Chrome and Firefox only for `session`: hence IndexedDB for settings).
    expect(found.restrict).toBe("done");
  });

  it("is not injected on other hosts", async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://127.0.0.1:${inject("controlHubPort")}/`);
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    expect(await page.locator("#wxsync-panel").count()).toBe(0);
    expect(page.frames()).toHaveLength(1);
    await page.screenshot({ path: join(inject("artifactsDir"), "overlay-other-host.png") });
  });
});
