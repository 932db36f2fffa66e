import { describe, expect, it, vi } from "vitest";
import { Dashboard } from "./Dashboard.tsx";
import { click, customer, fakeSend, mount, one, page, unreachable } from "./testing.ts";

describe("dashboard", () => {
  it("shows the offline message, not a blank page, when the worker is unreachable", async () => {
    const { send, callsOf } = fakeSend({ "customers.list": () => unreachable });
    const root = await mount(<Dashboard send={send} />);
    const offline = one(root, "dash-offline");
    expect(offline?.textContent).toContain("wxsync worker unreachable");
    expect(offline?.textContent).toContain("Cannot reach the wxsync worker at http://127.0.0.1:8787");
    expect(offline?.getAttribute("role")).toBe("alert");
    // The log would only fail the same way.
    expect(callsOf("logs.list")).toEqual([]);
  });

  it("treats a background that does not answer as an unreachable worker", async () => {
    const send = fakeSend({
      "customers.list": () => {
        throw new Error("Could not establish connection. Receiving end does not exist.");
      },
    }).send;
    const root = await mount(<Dashboard send={send} />);
    expect(one(root, "dash-offline")?.textContent).toContain("Receiving end does not exist");
  });

  it("loads the customers again when asked to retry", async () => {
    let up = false;
    const root = await mount(
      <Dashboard
        send={
          fakeSend({
            "customers.list": () => (up ? page([customer("c1", "Acme")]) : unreachable),
            "logs.list": () => page([]),
          }).send
        }
      />,
    );
    up = true;
    await click(one(root, "dash-offline")?.querySelector("button") ?? null);
    expect(one(root, "dash-offline")).toBeNull();
    expect(one(root, "dash-customers")?.textContent).toContain("Acme");
  });

  it("opens on the customer named in the address and reports new selections", async () => {
    const onSelect = vi.fn();
    const root = await mount(
      <Dashboard
        initialCustomerId="c2"
        onSelectCustomer={onSelect}
        send={
          fakeSend({
            "customers.list": () => page([customer("c1", "Acme"), customer("c2", "Globex")]),
            "runs.list": () => page([]),
            "report.licences": () => page([]),
            "report.inventory": () => ({
              ok: true,
              data: { counts: { total: 0, byStatus: {}, byUsage: {} } },
            }),
            "logs.list": () => page([]),
          }).send
        }
      />,
    );
    expect(one(root, "dash-customer-name")?.textContent).toContain("Globex");
    await click(one(root, "dash-customer-select"));
    expect(onSelect).toHaveBeenCalledWith("c1");
    expect(one(root, "dash-customer-name")?.textContent).toContain("Acme");
  });
});
