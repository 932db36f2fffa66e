import { describe, expect, it } from "vitest";
import { Dashboard } from "./Dashboard.tsx";
import { all, click, customer, fakeSend, mount, ok, one, page, run } from "./testing.ts";

const customers = [
  customer("c1", "Acme", { status: "ok", refreshTokenDaysLeft: 80 }),
  customer("c2", "Globex", { status: "expiring", refreshTokenDaysLeft: 5 }),
  customer("c3", "Initech", { status: "revoked", refreshTokenDaysLeft: 40 }),
];

function fake() {
  return fakeSend({
    "customers.list": () => page(customers),
    "runs.list": ({ customerId }) => page([run(`${customerId}-r1`, { customerId })]),
    "report.licences": () => page([]),
    "report.inventory": () => ok({ counts: { total: 0, byStatus: {}, byUsage: {} } }),
    "logs.list": () => page([]),
  });
}

describe("customers table", () => {
  it("lists each customer with its token health and days left, flagging an expiring token", async () => {
    const root = await mount(<Dashboard send={fake().send} />);
    const rows = all(root, "dash-customer-row") as HTMLElement[];
    expect(rows.map((r) => r.querySelector("th")?.textContent)).toEqual(["Acme", "Globex", "Initech"]);

    const [acme, globex, initech] = rows;
    expect(acme?.dataset.tone).toBe("ok");
    expect(one(acme!, "dash-token-days")?.textContent).toBe("80 days");

    expect(globex?.dataset.tone).toBe("warn");
    expect(globex?.classList.contains("dash-tone-warn")).toBe(true);
    expect(one(globex!, "dash-token-status")?.textContent).toContain("expiring");
    expect(one(globex!, "dash-token-status")?.textContent).toContain("expires soon");
    expect(one(globex!, "dash-token-days")?.textContent).toBe("5 days");

    expect(initech?.dataset.tone).toBe("danger");
    expect(one(initech!, "dash-token-status")?.textContent).toContain("connect the customer again");
  });

  it("selecting a customer loads its runs and shows its details below", async () => {
    const { send, callsOf } = fake();
    const root = await mount(<Dashboard send={send} />);
    expect(one(root, "dash-customer-details")).toBeNull();
    expect(callsOf("runs.list")).toEqual([]);

    const globex = (all(root, "dash-customer-row") as HTMLElement[])[1]!;
    await click(one(globex, "dash-customer-select"));

    expect(one(root, "dash-customer-name")?.textContent).toContain("Globex");
    expect(callsOf("runs.list")).toEqual([{ customerId: "c2", limit: 20 }]);
    expect((all(root, "dash-run-row") as HTMLElement[]).map((r) => r.dataset.runId)).toEqual(["c2-r1"]);
    expect(one(globex, "dash-customer-select")?.getAttribute("aria-pressed")).toBe("true");
    expect(callsOf("report.licences")).toEqual([{ customerId: "c2" }]);
    expect(callsOf("report.inventory")).toEqual([{ customerId: "c2" }]);
  });

  it("says so when there are no customers yet", async () => {
    const root = await mount(
      <Dashboard send={fakeSend({ "customers.list": () => page([]), "logs.list": () => page([]) }).send} />,
    );
    expect(one(root, "dash-customers-empty")).not.toBeNull();
  });
});
