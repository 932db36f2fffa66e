/**
 * The panel as the browser tests reach it: an extension page in a frame inside a closed shadow root, which no
 * selector reaches (page script cannot either). Playwright knows every frame of the page, so the tests find the
 * panel's frame by its URL and drive it with real (trusted) mouse and keyboard input.
 */
import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Frame, Page, Worker } from "playwright-core";
import { expect } from "vitest";
import { EXTENSION_ID } from "./browser.ts";

const PANEL_URL = `chrome-extension://${EXTENSION_ID}/panel.html`;

/** The frame the extension put in the page (page script may add panel frames of its own: those it names). */
function ownPanel(page: Page): Frame | undefined {
  return page
    .frames()
    .find(
      (f) =>
        f.url().startsWith(PANEL_URL) &&
        f.parentFrame() === page.mainFrame() &&
        f.name() === "" &&
        !f.isDetached(),
    );
}

/** The panel's frame in `page`, once it is there. */
export async function panelFrame(page: Page, timeout = 20_000): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      () => {
        found = ownPanel(page);
        return Boolean(found);
      },
      { timeout },
    )
    .toBe(true);
  return found!;
}

/** An element of the panel by its test id (the panel's frame must be there: see panelFrame). */
export function panel(page: Page, testId: string) {
  const frame = ownPanel(page);
  if (!frame) throw new Error("The wxsync panel's frame is not in the page");
  return frame.getByTestId(testId);
}

/**
 * The file the extension's last export saved through the browser's download manager, once it is complete: its
 * path, as chrome.downloads reports it from the background.
 */
export async function savedDownload(background: Worker, downloadDir: string, name: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  let items: { filename: string; state: string; error?: string }[] = [];
  while (Date.now() < deadline) {
    items = await background.evaluate(async () => {
      type Item = { filename: string; state: string; error?: string };
      type Downloads = { chrome: { downloads: { search(q: object): Promise<Item[]> } } };
      return (globalThis as unknown as Downloads).chrome.downloads.search({ orderBy: ["-startTime"] });
    });
    const path = items
      .filter((i) => i.state === "complete")
      .map((i) => i.filename)
      .find((f) => name.test(basename(f)));
    if (path && existsSync(path) && statSync(path).size > 0) {
      expect(path.startsWith(join(downloadDir, "/"))).toBe(true);
      return path;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No complete download named ${name} in ${JSON.stringify(items)}`);
}
