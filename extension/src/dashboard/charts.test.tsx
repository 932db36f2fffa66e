import { describe, expect, it } from "vitest";
import { BAR_WIDTH } from "./BarChart.tsx";
import { InventoryChart } from "./InventoryChart.tsx";
import { LicenceChart } from "./LicenceChart.tsx";
import { all, fakeSend, mount, ok, one, page, unreachable } from "./testing.ts";

const licence = (id: string, name: string | null, consumed: number | null, total: number | null) => ({
  id,
  name,
  consumed,
  total,
  free: total === null || consumed === null ? null : total - consumed,
});

const fills = (root: Element, testid: string) =>
  Object.fromEntries(
    all(root, `${testid}-bar`).map((g) => [
      (g as SVGElement).dataset.label,
      Number(g.querySelector(`[data-testid="${testid}-fill"]`)?.getAttribute("width")),
    ]),
  );

describe("licence chart", () => {
  it("draws consumed against total per licence, with the numbers written out and a table twin", async () => {
    const { send, callsOf } = fakeSend({
      "report.licences": () =>
        page([
          licence("l1", "Webex Calling Professional", 15, 20),
          licence("l2", "Webex Meetings", 10, 10),
          licence("l3", null, 3, null),
        ]),
    });
    const root = await mount(<LicenceChart send={send} customerId="c1" />);
    expect(callsOf("report.licences")).toEqual([{ customerId: "c1" }]);
    expect(fills(root, "dash-licence-chart")).toEqual({
      "Webex Calling Professional": BAR_WIDTH * 0.75,
      "Webex Meetings": BAR_WIDTH,
      l3: 0,
    });
    expect(all(root, "dash-licence-chart-value").map((t) => t.textContent)).toEqual([
      "15 of 20 used (75%)",
      "10 of 10 used (100%)",
      "3 used (no total known)",
    ]);
    const full = all(root, "dash-licence-chart-fill")[1];
    expect(full?.getAttribute("class")).toContain("dash-chart-danger");
    expect(root.querySelector("svg")?.getAttribute("aria-label")).toContain(
      "Webex Calling Professional 15 of 20 used",
    );
    const table = [...root.querySelectorAll("figure table tbody tr")].map((tr) => tr.textContent);
    expect(table[0]).toBe("Webex Calling Professional15 of 20 used (75%)");
  });

  it("shows the error instead of a chart when the report cannot be loaded", async () => {
    const { send } = fakeSend({
      "report.licences": () => ({
        ok: false,
        error: { kind: "http", message: "The worker answered HTTP 500." },
      }),
    });
    const root = await mount(<LicenceChart send={send} customerId="c1" />);
    expect(one(root, "dash-error")?.textContent).toContain("The worker answered HTTP 500.");
    expect(root.querySelector("svg")).toBeNull();
  });
});

describe("number inventory chart", () => {
  it("draws a bar per status against the total, largest first, with counts and shares", async () => {
    const { send } = fakeSend({
      "report.inventory": () =>
        ok({ counts: { total: 40, byStatus: { Available: 10, Used: 30 }, byUsage: {} } }),
    });
    const root = await mount(<InventoryChart send={send} customerId="c1" />);
    expect(one(root, "dash-inventory-total")?.textContent).toBe("40 numbers in all");
    expect(all(root, "dash-inventory-chart-bar").map((g) => (g as SVGElement).dataset.label)).toEqual([
      "Used",
      "Available",
    ]);
    expect(fills(root, "dash-inventory-chart")).toEqual({
      Used: BAR_WIDTH * 0.75,
      Available: BAR_WIDTH * 0.25,
    });
    expect(all(root, "dash-inventory-chart-value").map((t) => t.textContent)).toEqual([
      "30 of 40 (75%)",
      "10 of 40 (25%)",
    ]);
  });

  it("shows the offline message when the worker cannot be reached", async () => {
    const { send } = fakeSend({ "report.inventory": () => unreachable });
    const root = await mount(<InventoryChart send={send} customerId="c1" />);
    expect(one(root, "dash-offline")?.textContent).toContain("wxsync worker unreachable");
    expect(root.querySelector("svg")).toBeNull();
  });
});
