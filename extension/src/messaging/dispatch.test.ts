import { describe, expect, it, vi } from "vitest";
import { createDispatcher, isExtensionPage } from "./dispatch.ts";
import { createHandlers } from "./handlers.ts";

const self = {
  id: "aiaaldgddgmfdcenglabnccahmakebko",
  baseUrl: "chrome-extension://aiaaldgddgmfdcenglabnccahmakebko/",
};
const panelFrame = {
  id: self.id,
  url: `${self.baseUrl}panel.html`,
  origin: "chrome-extension://aiaaldgddgmfdcenglabnccahmakebko",
  tab: { id: 4 },
};
// A content script's messages carry the page's URL and origin: the browser fills them in, the page cannot.
const contentScript = {
  id: self.id,
  url: "https://admin.webex.com/devices?orgId=1eb65fdf-9643-417f-9974-ad72cae0e10f",
  origin: "https://admin.webex.com",
  tab: { id: 4 },
};

function background() {
  const requests: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
    return new Response(
      JSON.stringify({
        id: "j",
        status: "running",
        message: null,
        progress: { total: 1, done: 0, failed: 0, remaining: 1, percent: 0 },
      }),
      {
        status: 202,
        headers: { "content-type": "application/json" },
      },
    );
  }) as unknown as typeof globalThis.fetch;
  const settings = {
    get: async () => ({ workerUrl: "https://wxsync.example.com", apiKey: `wxs_${"A".repeat(43)}` }),
    set: vi.fn(),
  };
  const dispatch = createDispatcher(createHandlers({ fetch, settings }), self);
  return { dispatch, requests, settings };
}

describe("the background answers only the extension's own pages", () => {
  it("refuses a write from a content script: nothing reaches the worker", async () => {
    const { dispatch, requests } = background();
    for (const [type, payload] of [
      ["sip.rotateAll", { customerId: "c1" }],
      ["sync.start", { customerId: "c1", kind: "data" }],
      ["bw.jobStart", { partnerId: "p1", enterpriseIds: ["e1"] }],
      ["csv.get", { path: "/api/v1/customers/c1/models/DeviceCallingDetails.csv" }],
      ["settings.get", {}],
      ["worker.health", {}],
    ] as const) {
      const answer = await dispatch({ type, payload }, contentScript);
      expect(answer, type).toEqual({
        ok: false,
        error: {
          kind: "forbidden",
          message: `wxsync answers only its own pages: "${type}" from a script in a web page is refused.`,
        },
      });
    }
    expect(requests).toEqual([]);
  });

  it("refuses a settings change from a content script, which would send the key elsewhere", async () => {
    const { dispatch, settings } = background();
    await dispatch(
      { type: "settings.save", payload: { workerUrl: "https://evil.example", apiKey: "" } },
      contentScript,
    );
    expect(settings.set).not.toHaveBeenCalled();
  });

  it("answers the panel frame", async () => {
    const { dispatch, requests } = background();
    const answer = await dispatch({ type: "sip.rotateAll", payload: { customerId: "c1" } }, panelFrame);
    expect(answer).toMatchObject({ ok: true, data: { id: "j" } });
    expect(requests).toEqual(["POST /api/v1/customers/c1/sip-rotations"]);
  });

  it("leaves alone what is not one of its messages", () => {
    const { dispatch } = background();
    expect(dispatch({ type: "toString" }, panelFrame)).toBeNull();
    expect(dispatch("sip.rotateAll", panelFrame)).toBeNull();
    expect(dispatch(null, panelFrame)).toBeNull();
  });

  it("tells an extension page from everything else", () => {
    expect(isExtensionPage(panelFrame, self)).toBe(true);
    expect(isExtensionPage({ id: self.id, url: `${self.baseUrl}options.html` }, self)).toBe(true);
    expect(isExtensionPage(contentScript, self)).toBe(false);
    expect(isExtensionPage({ ...panelFrame, id: "another-extension" }, self)).toBe(false);
    expect(isExtensionPage({ ...panelFrame, origin: "https://admin.webex.com" }, self)).toBe(false);
    expect(isExtensionPage({ id: self.id, url: `chrome-extension://${self.id}.evil.example/x` }, self)).toBe(
      false,
    );
    expect(isExtensionPage({ id: self.id }, self)).toBe(false);
  });
});
