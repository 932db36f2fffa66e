import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import { mountPanelHost } from "../../src/host/panel-host.ts";

/**
 * The content script only places the panel frame in the page and keeps it there. It sends no message, reads
 * no storage and renders nothing itself: the panel is an extension page in that frame, out of the page's reach.
 */
export default defineContentScript({
  matches: ["https://admin.webex.com/*"],
  // No CSS goes into the page: the panel's styles live in its own frame.
  cssInjectionMode: "manual",
  main() {
    // Deliberately not tied to `ctx` (WXT's context), which page script can invalidate by dispatching WXT's
    // "newer content script started" event: only the extension going away ends the panel.
    mountPanelHost({
      src: browser.runtime.getURL("/panel.html"),
      alive: () => browser.runtime?.id !== undefined,
    });
  },
});
