/**
 * @module host/panel-host
 * The only thing the content script puts into admin.webex.com's page: a host element whose closed shadow root
 * holds an iframe of the extension's panel page. Page script cannot reach into a closed shadow root nor into a
 * frame of another origin, so it can neither read the panel nor press its buttons. What it can still do to the
 * host, this module undoes: removed, the host is put back; restyled or given attributes (hidden, inert…), its
 * own style is restored; its frame navigated elsewhere, a fresh frame replaces it. The host lives as long as
 * the extension does (`alive`), never tied to WXT's "a newer content script started" event, which any page
 * script can dispatch.
 */
import { parseSize } from "../panel-page/size.ts";

export type HostOptions = {
  /** The panel page's URL (`chrome-extension://<id>/panel.html`). */
  src: string;
  /** Whether the extension still runs (false once it is reloaded, updated or removed). */
  alive: () => boolean;
  doc?: Document;
  /** How often `alive` is checked, in ms. */
  checkMs?: number;
};

export const HOST_ID = "wxsync-panel";
const NARROW = 380;
const WIDE = 1100;
const MIN_HEIGHT = 40;

/** The host's whole style: every property the page could use to hide or move it, pinned with !important. */
export function hostStyle(size: { height: number; wide: boolean }): string {
  const width = size.wide ? WIDE : NARROW;
  const height = Math.max(MIN_HEIGHT, Math.ceil(size.height));
  return [
    "all: initial",
    "display: block",
    "position: fixed",
    "right: 16px",
    "bottom: 16px",
    "top: auto",
    "left: auto",
    "margin: 0",
    "padding: 0",
    `width: min(${width}px, calc(100vw - 32px))`,
    // Never taller than 60% of the window: Control Hub stays usable behind it, and the frame scrolls.
    `height: min(${height}px, 60vh)`,
    "z-index: 2147483647",
    "visibility: visible",
    "opacity: 1",
    "transform: none",
    "filter: none",
    "clip-path: none",
    "mask: none",
    "pointer-events: auto",
    "overflow: hidden",
    "border-radius: 8px",
    "box-shadow: 0 4px 16px rgb(0 0 0 / 0.15)",
  ]
    .map((rule) => `${rule} !important`)
    .join("; ");
}

const FRAME_STYLE =
  "display: block; width: 100%; height: 100%; border: 0; margin: 0; padding: 0; background: transparent; color-scheme: normal;";

/** Puts the panel into the page and keeps it there; returns a function that takes it away for good. */
export function mountPanelHost({ src, alive, doc = document, checkMs = 2000 }: HostOptions): () => void {
  const win = doc.defaultView ?? window;
  const host = doc.createElement("div");
  const shadow = host.attachShadow({ mode: "closed" });
  let size = { height: MIN_HEIGHT, wide: false };
  let frame = newFrame();

  function newFrame() {
    const iframe = doc.createElement("iframe");
    iframe.setAttribute("style", FRAME_STYLE);
    iframe.title = "wxsync";
    // The panel page never navigates: a second load means someone else sent the frame elsewhere.
    let loads = 0;
    iframe.addEventListener("load", () => {
      if (++loads > 1) replaceFrame();
    });
    iframe.src = src;
    shadow.replaceChildren(iframe);
    return iframe;
  }
  function replaceFrame() {
    frame = newFrame();
  }

  /** Restores the host: in the page, its own id and style, no other attribute. */
  function assert() {
    const style = hostStyle(size);
    if (host.getAttribute("style") !== style) host.setAttribute("style", style);
    for (const { name } of [...host.attributes])
      if (name !== "style" && name !== "id") host.removeAttribute(name);
    if (host.id !== HOST_ID) host.id = HOST_ID;
    if (host.parentNode !== doc.documentElement) doc.documentElement.append(host);
  }

  const onMessage = (event: MessageEvent) => {
    // Only the frame itself can be the source of its messages; page script posting the same shape is ignored.
    if (!frame.contentWindow || event.source !== frame.contentWindow) return;
    const next = parseSize(event.data);
    if (!next) return;
    size = next;
    assert();
  };

  const observer = new MutationObserver(() => (alive() ? assert() : stop()));
  const timer = win.setInterval(() => {
    if (!alive()) stop();
  }, checkMs);
  function stop() {
    observer.disconnect();
    win.clearInterval(timer);
    win.removeEventListener("message", onMessage);
    host.remove();
  }

  assert();
  win.addEventListener("message", onMessage);
  // The host's attributes, and every removal anywhere above it (the host itself, <body>, a subtree).
  observer.observe(host, { attributes: true });
  observer.observe(doc, { childList: true, subtree: true });
  return stop;
}
