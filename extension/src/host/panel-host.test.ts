import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SIZE_MESSAGE } from "../panel-page/size.ts";
import { HOST_ID, hostStyle, mountPanelHost } from "./panel-host.ts";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let stop: (() => void) | undefined;
// happy-dom loads no frame and says so on the console: the frame's own messages are the browser test's part.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.restoreAllMocks();
});

function mount(alive = () => true) {
  stop = mountPanelHost({ src: "about:blank", alive, checkMs: 10 });
  const host = document.getElementById(HOST_ID)!;
  return host;
}

describe("the panel's host in the page", () => {
  it("is a closed shadow root: page script finds the host but nothing inside it", () => {
    const host = mount();
    expect(host.parentNode).toBe(document.documentElement);
    expect(host.shadowRoot).toBeNull();
    expect(host.querySelector("iframe")).toBeNull();
    expect(host.getAttribute("style")).toBe(hostStyle({ height: 40, wide: false }));
  });

  it("comes back when page script removes it or its parent", async () => {
    const host = mount();
    host.remove();
    await settle();
    expect(host.isConnected).toBe(true);
    document.documentElement.replaceChildren(document.createElement("body"));
    await settle();
    expect(document.getElementById(HOST_ID)).toBe(host);
  });

  it("restores its style and drops attributes page script gives it (hidden, inert, classes)", async () => {
    const host = mount();
    host.style.setProperty("display", "none", "important");
    host.setAttribute("hidden", "");
    host.setAttribute("inert", "");
    host.className = "gone";
    host.id = "renamed";
    await settle();
    expect(host.getAttribute("style")).toBe(hostStyle({ height: 40, wide: false }));
    expect(host.getAttributeNames().sort()).toEqual(["id", "style"]);
    expect(host.id).toBe(HOST_ID);
    expect(host.getAttribute("style")).toContain("display: block !important");
    expect(host.getAttribute("style")).toContain("opacity: 1 !important");
  });

  it("ignores size messages that do not come from its own frame", async () => {
    const host = mount();
    window.postMessage({ type: SIZE_MESSAGE, height: 0, wide: true }, "*");
    window.dispatchEvent(
      new MessageEvent("message", { data: { type: SIZE_MESSAGE, height: 900, wide: true } }),
    );
    await settle();
    expect(host.getAttribute("style")).toBe(hostStyle({ height: 40, wide: false }));
  });

  it("goes away only when the extension does", async () => {
    let alive = true;
    const host = mount(() => alive);
    // WXT's "newer content script started" event, as page script can dispatch it, changes nothing.
    document.dispatchEvent(
      new CustomEvent("aiaaldgddgmfdcenglabnccahmakebko:content:wxt:content-script-started", {
        detail: { contentScriptName: "content", messageId: "spoofed" },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(host.isConnected).toBe(true);
    alive = false;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(host.isConnected).toBe(false);
  });

  it("sizes like the panel it shows, never taller than 60% of the window", () => {
    expect(hostStyle({ height: 300, wide: false })).toContain(
      "width: min(380px, calc(100vw - 32px)) !important",
    );
    expect(hostStyle({ height: 300, wide: true })).toContain(
      "width: min(1100px, calc(100vw - 32px)) !important",
    );
    expect(hostStyle({ height: 300, wide: false })).toContain("height: min(300px, 60vh) !important");
    expect(hostStyle({ height: 2, wide: false })).toContain("height: min(40px, 60vh) !important");
  });
});
