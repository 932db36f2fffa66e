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
