/**
 * A hostile script on admin.webex.com (Control Hub's own code gone bad, an XSS in it, another extension) tries
 * everything it could do to the old in-page panel: read it, press its buttons, read its downloads, end it with
 * WXT's "newer content script started" event, remove or hide it, trap the user into clicking it, and change
 * which customer it acts on. None of it works: the worker and the simulator show no write, and the panel stays.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EXTENSION_ID, type ExtensionBrowser, launchWithExtension } from "./browser.ts";
import { panel, panelFrame, savedDownload } from "./panel.ts";
import { addConnectedCustomer, api, simControl } from "./stack-api.ts";

type Customer = { id: string; name: string; orgUuid: string };
/** What the hostile script saw and got, kept on its own window. */
type Loot = {
  added: string[];
  blobUrls: string[];
  links: string[];
  reads: Record<string, string>;
};

/** The hostile script: installed in the page's main world before any of the page's own scripts. */
function hostileScript() {
  const loot: Loot = { added: [], blobUrls: [], links: [], reads: {} };
  (window as unknown as { loot: Loot }).loot = loot;
  // Every node added to the page, every link, every blob: URL made in the page.
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        loot.added.push(node.nodeName);
        if (node instanceof Element)
          for (const a of [node, ...node.querySelectorAll("a, [href], [src]")]) {
            const url = a.getAttribute("href") ?? a.getAttribute("src");
            if (url) loot.links.push(url);
          }
      }
  }).observe(document, { childList: true, subtree: true });
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    const url = create(blob);
    loot.blobUrls.push(url);
    return url;
  };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(inject("artifactsDir"), `${name}.png`) });

let browser: ExtensionBrowser;
let initech: Customer;
let tyrell: Customer;

/** Writes that would show a click got through: rotation jobs, runs, device writes at Webex. */
async function writes() {
  const [jobs, runs, log] = await Promise.all([
    api<{ items: unknown[] }>("GET", `/api/v1/customers/${initech.id}/sip-rotations`),
    api<{ items: unknown[] }>("GET", `/api/v1/customers/${initech.id}/runs`),
    simControl<{ items: { action: string }[] }>("GET", "/devices/log?orgId=1"),
  ]);
  return { jobs: jobs.items.length, runs: runs.items.length, deviceWrites: log.items.length };
}

beforeAll(async () => {
  browser = await launchWithExtension({
    extensionDir: inject("extensionDir"),
    controlHubPort: inject("controlHubPort"),
    settings: { workerUrl: inject("workerUrl"), apiKey: inject("adminKey") },
  });
  await browser.context.addInitScript(hostileScript);
  initech = (await addConnectedCustomer<Customer>("Initech", "1")).customer;
  // Another customer of the partner: the org the hostile script points the page's address at.
  tyrell = await api("POST", "/api/v1/customers", {
    name: "Tyrell",
    organizationId: crypto.randomUUID(),
    syncOnCreate: false,
  });
});
afterAll(async () => {
  await browser?.close();
  // The other browser tests count the customers they made.
  for (const c of [initech, tyrell]) {
    if (!c) continue;
    const res = await fetch(`${inject("workerUrl")}/api/v1/customers/${c.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${inject("adminKey")}` },
    });
    if (res.status !== 204) throw new Error(`DELETE customer ${c.name}: ${res.status} ${await res.text()}`);
  }
});

describe("a hostile script on admin.webex.com", () => {
  it("can neither read nor drive the panel, nor take its downloads, end it, hide it or change its customer", async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://admin.webex.com/devices?orgId=${initech.orgUuid}`);
    await panelFrame(page);
    await expect
      .poll(() => panel(page, "wxsync-customer").textContent(), { timeout: 20_000 })
      .toBe("Initech");
    await panel(page, "wxsync-rotate-all").waitFor();
    const before = await writes();

    // Read the panel: the host is there, but no shadow root, no frame and no frame document to reach.
    const reads = await page.evaluate(() => {
      const host = document.getElementById("wxsync-panel");
      const frameDoc = (() => {
        try {
          return [...Array(window.frames.length).keys()].map((i) => String(window.frames[i]?.document));
        } catch (error) {
          return `threw ${(error as Error).name}`;
        }
      })();
      return {
        host: Boolean(host),
        shadowRoot: String(host?.shadowRoot),
        iframes: document.querySelectorAll("iframe").length,
        text: host?.textContent ?? "",
        frameDoc,
        runtime: typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime,
        frames: window.frames.length,
      };
    });
    // Not even window.frames lists a frame inside a shadow root: the page has no handle on it at all.
    expect(reads).toMatchObject({ host: true, shadowRoot: "null", iframes: 0, text: "", frames: 0 });
    expect(JSON.stringify(reads.frameDoc)).not.toContain("HTMLDocument");
    // No way to the background either: the extension offers nothing to web pages.
    expect(reads.runtime).toBe("undefined");

    // Press its buttons: script clicks on everything it can reach, at the panel's place and on the host.
    await page.evaluate(() => {
      const host = document.getElementById("wxsync-panel")!;
      const box = host.getBoundingClientRect();
      for (let x = box.left + 4; x < box.right; x += 24)
        for (let y = box.top + 4; y < box.bottom; y += 12) {
          const target = document.elementFromPoint(x, y);
          for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"])
            target?.dispatchEvent(
              new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }),
            );
          (target as HTMLElement | null)?.click();
        }
      host.click();
      for (let i = 0; i < window.frames.length; i++)
        window.frames[i]?.postMessage({ type: "sip.rotateAll", click: "wxsync-rotate-confirm" }, "*");
    });
    await page.waitForTimeout(1500);
    expect(await panel(page, "wxsync-rotate-confirm").count()).toBe(0);
    expect(await writes()).toEqual(before);

    // End it with WXT's event, as a newer copy of the content script would announce itself.
    await page.evaluate((id) => {
      const type = `${id}:content:wxt:content-script-started`;
      const detail = { contentScriptName: "content", messageId: "hostile" };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.postMessage({ type, contentScriptName: "content", messageId: "hostile" }, "*");
    }, EXTENSION_ID);
    await page.waitForTimeout(500);
    expect(await page.locator("#wxsync-panel").count()).toBe(1);
    expect(await panel(page, "wxsync-customer").textContent()).toBe("Initech");

    // Remove it, hide it, shrink it, fade it: it comes back as it was.
    await page.evaluate(() => {
      document.getElementById("wxsync-panel")!.remove();
    });
    await expect.poll(() => page.locator("#wxsync-panel").count()).toBe(1);
    await page.evaluate(() => {
      const host = document.getElementById("wxsync-panel")!;
      host.style.setProperty("display", "none", "important");
      host.setAttribute("hidden", "");
      host.setAttribute("inert", "");
      const sheet = document.createElement("style");
      sheet.textContent =
        "#wxsync-panel, html > div { display: none !important; opacity: 0 !important; width: 0 !important; transform: scale(0) !important; }";
      document.head.append(sheet);
    });
    await page.waitForTimeout(300);
    const shown = await page.evaluate(() => {
      const host = document.getElementById("wxsync-panel")!;
      const style = getComputedStyle(host);
      const box = host.getBoundingClientRect();
      return {
        display: style.display,
        opacity: style.opacity,
        transform: style.transform,
        width: box.width,
        height: box.height,
        attributes: host.getAttributeNames().sort(),
      };
    });
    expect(shown).toMatchObject({
      display: "block",
      opacity: "1",
      transform: "none",
      attributes: ["id", "style"],
    });
    expect(shown.width).toBeGreaterThan(200);
    expect(shown.height).toBeGreaterThan(40);
    expect(await panel(page, "wxsync-health").isVisible()).toBe(true);

    // Cover it and trick the user into clicking it: the buttons are off while something covers the panel.
    await page.evaluate(() => {
      // Not a div: the hostile style sheet above hides every div under <html>.
      const cover = document.createElement("section");
      cover.id = "cover";
      cover.style.cssText =
        "position: fixed; inset: 0; z-index: 2147483647; background: rgb(255 255 255 / 0.01); pointer-events: none;";
      document.documentElement.append(cover);
    });
    await expect.poll(() => panel(page, "wxsync-not-visible").count(), { timeout: 10_000 }).toBe(1);
    expect(await panel(page, "wxsync-rotate-all").isDisabled()).toBe(true);
    expect(await panel(page, "wxsync-sync-devices").isDisabled()).toBe(true);
    await shot(page, "hostile-panel-covered");
    await page.evaluate(() => document.getElementById("cover")?.remove());
    await expect.poll(() => panel(page, "wxsync-rotate-all").isDisabled(), { timeout: 10_000 }).toBe(false);

    // Its own, nearly transparent copy of the panel over a bait button: the user's real click does nothing.
    await page.evaluate((id) => {
      const bait = document.createElement("button");
      bait.textContent = "Claim your prize";
      bait.style.cssText = "position: fixed; top: 0; left: 0; width: 420px; height: 600px;";
      const trap = document.createElement("iframe");
      trap.name = "trap";
      trap.src = `chrome-extension://${id}/panel.html`;
      trap.style.cssText =
        "position: fixed; top: 0; left: 0; width: 420px; height: 600px; opacity: 0.02; border: 0; z-index: 10;";
      document.body.append(bait, trap);
    }, EXTENSION_ID);
    const trap = await expect
      .poll(() => page.frame({ name: "trap" })?.getByTestId("wxsync-rotate-all").count(), { timeout: 20_000 })
      .toBe(1)
      .then(() => page.frame({ name: "trap" })!);
    expect(await trap.getByTestId("wxsync-rotate-all").isDisabled()).toBe(true);
    // A panel frame the page made itself is no more readable than ours.
    const trapRead = await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>("iframe[name=trap]")!;
      let viaWindow: string;
      try {
        viaWindow = String(frame.contentWindow?.document);
      } catch (error) {
        viaWindow = `threw ${(error as Error).name}`;
      }
      return { contentDocument: String(frame.contentDocument), viaWindow };
    });
    expect(trapRead).toEqual({ contentDocument: "null", viaWindow: "threw SecurityError" });
    const spot = (await trap.getByTestId("wxsync-rotate-all").boundingBox())!;
    await page.mouse.click(spot.x + spot.width / 2, spot.y + spot.height / 2);
    await page.waitForTimeout(500);
    expect(await trap.getByTestId("wxsync-rotate-confirm").count()).toBe(0);
    await page.evaluate(() => document.querySelector("iframe[name=trap]")?.remove());

    // Point the page's address at another customer: the panel asks, and offers no action until answered.
    await page.evaluate((orgId) => history.pushState(null, "", `/devices?orgId=${orgId}`), tyrell.orgUuid);
    await expect
      .poll(() => panel(page, "wxsync-org-question").textContent(), { timeout: 10_000 })
      .toBe("This page now shows Tyrell; you were looking at Initech. Switch?");
    expect(await panel(page, "wxsync-customer").textContent()).toBe("Initech");
    expect(await panel(page, "wxsync-rotate-all").count()).toBe(0);
    expect(await panel(page, "wxsync-sync-devices").count()).toBe(0);
    await shot(page, "hostile-panel-asks");
    await panel(page, "wxsync-org-switch-no").click();
    await panel(page, "wxsync-org-stayed").waitFor();

    // Its downloads: the user exports; the file goes to the download manager, never through the page.
    await panel(page, "wxsync-export-sip").click();
    const file = await savedDownload(
      browser.background,
      browser.downloadDir,
      /^Initech_DeviceCallingDetails_.*\.csv$/,
    );
    expect(readFileSync(file, "utf8").startsWith("\uFEFF")).toBe(true);

    const loot = await page.evaluate(() => (window as unknown as { loot: Loot }).loot);
    expect(loot.blobUrls).toEqual([]);
    expect(loot.links.filter((l) => l.startsWith("blob:"))).toEqual([]);
    expect(loot.added).not.toContain("A");
    expect(await writes()).toEqual(before);
    await shot(page, "hostile-panel-stays");

    // The control: the user's own clicks in the panel do reach the worker, so the checks above could fail.
    await page.evaluate((orgId) => history.pushState(null, "", `/devices?orgId=${orgId}`), initech.orgUuid);
    await expect.poll(() => panel(page, "wxsync-sync-devices").count(), { timeout: 10_000 }).toBe(1);
    await panel(page, "wxsync-sync-devices").click();
    await expect.poll(async () => (await writes()).runs, { timeout: 20_000 }).toBe(before.runs + 1);
    // Let that run end, so the customer can be deleted after the test.
    await expect
      .poll(() => panel(page, "wxsync-run").getAttribute("data-status"), { timeout: 60_000 })
      .toMatch(/^(succeeded|completed_with_errors|failed)$/);
    await page.close();
  });
});
