import { act } from "preact/test-utils";
import { describe, expect, it } from "vitest";
import { LogsPanel } from "./LogsPanel.tsx";
import { all, click, customer, fakeSend, logEntry, mount, one, page, settle } from "./testing.ts";

async function fill(root: Element, testid: string, value: string) {
  const field = one(root, testid) as HTMLInputElement | HTMLSelectElement;
  await act(async () => {
    field.value = value;
    field.dispatchEvent(new Event(field.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
  });
}

async function submit(root: Element) {
  const form = one(root, "dash-logs-filter") as HTMLFormElement;
  await act(async () => {
    form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
  });
  await settle();
}

const customers = [customer("c1", "Acme"), customer("c2", "Globex")];

describe("logs panel", () => {
  it("shows the newest entries with Webex's answer and tracking id", async () => {
    const { send, callsOf } = fakeSend({
      "logs.list": () =>
        page([
          logEntry(2, "Webex refused the change", {
            level: "error",
            kind: "webex_error",
            model: "User",
            webexStatus: 429,
            webexErrorCode: "TOO_MANY",
            webexTrackingId: "ROUTER_123",
          }),
          logEntry(1, "Sync finished"),
        ]),
    });
    const root = await mount(<LogsPanel send={send} customers={customers} />);
    expect(callsOf("logs.list")).toEqual([{ query: {} }]);
    const [first, second] = all(root, "dash-log-row") as HTMLElement[];
    const cells = [...first!.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells.slice(1)).toEqual([
      "error",
      "webex error",
      "Webex refused the change",
      "User",
      "429 / TOO_MANY",
      "ROUTER_123",
    ]);
    expect(second?.textContent).toContain("Sync finished");
    expect(one(root, "dash-logs-more")).toBeNull();
  });

  it("sends the filled filters as the API's query, leaving empty ones out", async () => {
    const { send, callsOf } = fakeSend({ "logs.list": () => page([]) });
    const root = await mount(<LogsPanel send={send} customers={customers} />);
    await fill(root, "dash-logs-from", "2026-01-02T09:30");
    await fill(root, "dash-logs-customerId", "c2");
    await fill(root, "dash-logs-level", "error");
    await fill(root, "dash-logs-kind", "webex_error");
    await fill(root, "dash-logs-device", "00:1A:2B:3C:4D:5E");
    await fill(root, "dash-logs-code", " 429 ");
    await fill(root, "dash-logs-q", "refused");
    await submit(root);
    expect(callsOf("logs.list").at(-1)).toEqual({
      query: {
        from: new Date("2026-01-02T09:30").toISOString(),
        customerId: "c2",
        level: "error",
        kind: "webex_error",
        device: "00:1A:2B:3C:4D:5E",
        code: "429",
        q: "refused",
      },
    });
    expect(one(root, "dash-logs-empty")).not.toBeNull();
  });

  it("'More' asks for the next page with the same filters and the cursor, and adds it", async () => {
    const { send, callsOf } = fakeSend({
      "logs.list": ({ query }) =>
        query.cursor === "next-1"
          ? page([logEntry(1, "older")])
          : page([logEntry(3, "newest"), logEntry(2, "newer")], "next-1"),
    });
    const root = await mount(<LogsPanel send={send} customers={customers} />);
    await fill(root, "dash-logs-model", "User");
    await submit(root);
    await click(one(root, "dash-logs-more"));
    expect(callsOf("logs.list").at(-1)).toEqual({ query: { model: "User", cursor: "next-1" } });
    expect(all(root, "dash-log-row").map((r) => r.querySelector(".dash-message")?.textContent)).toEqual([
      "newest",
      "newer",
      "older",
    ]);
    expect(one(root, "dash-logs-more")).toBeNull();
  });

  it("exports the log as CSV with the filters on show", async () => {
    const { send, callsOf } = fakeSend({
      "logs.list": () => page([]),
      "csv.get": () => ({ ok: false, error: { kind: "forbidden", message: "No CSV for viewers." } }),
    });
    const root = await mount(<LogsPanel send={send} customers={customers} />);
    await fill(root, "dash-logs-level", "warn");
    await fill(root, "dash-logs-q", "a&b");
    await submit(root);
    await click(one(root, "dash-logs-csv"));
    expect(callsOf("csv.get")).toEqual([{ path: "/api/v1/logs.csv?level=warn&q=a%26b" }]);
    expect(one(root, "dash-logs-csv-note")?.textContent).toBe("No CSV for viewers.");
  });

  it("shows the worker's message when the log cannot be read", async () => {
    const { send } = fakeSend({
      "logs.list": () => ({
        ok: false,
        error: { kind: "http", message: "query.from: must be an ISO 8601 date-time" },
      }),
    });
    const root = await mount(<LogsPanel send={send} customers={customers} />);
    expect(one(root, "dash-error")?.textContent).toContain("query.from: must be an ISO 8601 date-time");
    expect(one(root, "dash-logs-table")).toBeNull();
  });
});
