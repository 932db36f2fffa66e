import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { trustedClick } from "../guard/testing.ts";
import { fakeDownloads } from "../page/fake-downloads.ts";
import type { BwEnterprise, BwJob, Customer } from "../worker-api/schemas.ts";
import { type Answers, fakeSend } from "./fake-send.ts";
import { PartnerPanel } from "./PartnerPanel.tsx";

const customer = (id: string, name: string, status: string, days: number | null): Customer => ({
  id,
  name,
  orgId: `org-${id}`,
  orgUuid: `uuid-${id}`,
  tokenHealth: { status, refreshTokenDaysLeft: days },
  lastRun:
    status === "ok"
      ? {
          id: `run-${id}`,
          status: "completed_with_errors",
          createdAt: "2026-11-24T10:00:00Z",
          endedAt: "2026-11-24T10:05:00Z",
        }
      : null,
});

const enterprise = (id: string, sp: string, extra: Partial<BwEnterprise> = {}): BwEnterprise => ({
  id,
  spEnterpriseId: sp,
  enabled: true,
  cluster: "c1",
  syncStatus: "COMPLETE",
  lastSync: { lastSyncEndTime: "2025-05-01T10:00:00Z", usersAdded: 4, usersUpdated: 2, usersDeleted: 1 },
  errors: [],
  schedule: { nextExpectedSyncAt: "2025-05-08T10:00:00Z", overdue: false },
  contactWarnings: [],
  ...extra,
});

const ENTERPRISES = [
  enterprise("e1", "Reseller1+acme"),
  enterprise("e2", "Reseller1+globex", {
    syncStatus: "FAILED",
    cluster: null,
    errors: [
      {
        code: 600014,
        meaning: "The BroadWorks cluster could not be reached.",
        action: "Check the cluster's link.",
      },
    ],
    schedule: { nextExpectedSyncAt: "2025-04-20T10:00:00Z", overdue: true },
    contactWarnings: ["1,480 synced user contacts: close to the 1,500 limit."],
  }),
];

const ok = <T,>(data: T) => ({ ok: true as const, data });
const page = <T,>(items: T[]) => ok({ items, nextCursor: null });
const fail = (message: string, status?: number) => ({
  ok: false as const,
  error: { kind: status ? ("http" as const) : ("unreachable" as const), message, status },
});

const job = (status: string, done: number, failed: number, extra: Partial<BwJob> = {}): BwJob => ({
  id: "job-1",
  status,
  progress: { total: 2, done, failed, running: 2 - done - failed, pending: 0, percent: 0 },
  items: [],
  ...extra,
});

function worker(overrides: Answers = {}) {
  return fakeSend({
    whoami: async () => ok({ keyId: "k1", name: "ops", role: "operator" as const, scope: "all" as const }),
    "customers.list": async () =>
      page([customer("c1", "Acme", "ok", 80), customer("c2", "Globex", "expiring", 5)]),
    "customer.overview": async ({ customerId }) =>
      ok({
        customer: customer(customerId, "Acme", "ok", 80),
        runs: [
          {
            id: "r1",
            customerId,
            dataSyncName: null,
            trigger: "schedule",
            status: "succeeded",
            progress: 100,
            totals: { added: 3, updated: 7, removed: 0, unchanged: 90 },
            createdAt: "2025-05-01T09:00:00Z",
            startedAt: "2025-05-01T09:00:00Z",
            endedAt: "2025-05-01T09:05:00Z",
            error: null,
            models: [],
          },
        ],
        schedules: [],
      }),
    "partners.list": async () => page([{ id: "p1", name: "Reseller One" }]),
    "bw.enterprises": async () => page(ENTERPRISES),
    ...overrides,
  });
}

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => {});
}

async function mount(send: ReturnType<typeof worker>["send"], pollMs?: number) {
  root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(<PartnerPanel send={send} pollMs={pollMs} />, root);
  });
  await settle();
}

const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid=${id}]`);
const $$ = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid=${id}]`)];
const button = (id: string) => $(id) as HTMLButtonElement;
const row = (id: string) => root.querySelector<HTMLElement>(`[data-enterprise-id=${id}]`)!;

async function click(el: HTMLElement | null) {
  await trustedClick(el);
  await settle();
}

describe("PartnerPanel", () => {
  it("lists customers with their token health and the partner's enterprises", async () => {
    const w = worker();
    await mount(w.send);

    const customers = $$("wxsync-partner-customer");
    expect(customers.map((r) => r.querySelector("th")?.textContent)).toEqual(["Acme", "Globex"]);
    const globex = customers[1]!;
    expect(globex.textContent).toContain("expiring");
    expect(globex.textContent).toContain("5 days");
    // The sync state at a glance, from the list itself.
    expect(
      customers.map((r) => r.querySelector("[data-testid=wxsync-partner-sync-state]")?.textContent),
    ).toEqual(["completed with errors", "never synced"]);
    expect(globex.querySelector<HTMLElement>("[data-testid=wxsync-partner-token]")?.dataset.warning).toBe(
      "true",
    );
    expect(
      customers[0]!.querySelector<HTMLElement>("[data-testid=wxsync-partner-token]")?.dataset.warning,
    ).toBe("false");

    expect($("wxsync-partner-name")?.textContent).toBe("Reseller One");
    expect(w.of("bw.enterprises")).toEqual([{ partnerId: "p1" }]);
    const acme = row("e1");
    expect(acme.textContent).toContain("Reseller1+acme");
    expect([...acme.querySelectorAll("td")].slice(5, 8).map((td) => td.textContent)).toEqual(["4", "2", "1"]);
    const globexRow = row("e2");
    expect(globexRow.textContent).toContain("not known");
    const error = globexRow.querySelector("[data-testid=wxsync-partner-error-code] summary");
    expect(error?.textContent).toBe("600014");
    expect(error?.getAttribute("title")).toContain("could not be reached");
    expect(globexRow.querySelector("[data-testid=wxsync-partner-overdue]")).not.toBeNull();
    expect(globexRow.textContent).toContain("close to the 1,500 limit");
    expect(acme.querySelector("[data-testid=wxsync-partner-overdue]")).toBeNull();
  });

  it("asks for a customer's last run only when its row is opened", async () => {
    const w = worker();
    await mount(w.send);
    expect(w.of("customer.overview")).toEqual([]);

    await click($$("wxsync-partner-customer-toggle")[0]!);
    expect(w.of("customer.overview")).toEqual([{ customerId: "c1" }]);
    expect($("wxsync-partner-last-run")?.textContent).toContain("Last run succeeded");
    expect($("wxsync-partner-last-run")?.textContent).toContain("3 added, 7 updated, 0 removed");
  });

  it("enables directory sync for every selected enterprise and shows which failed and why", async () => {
    const w = worker({
      "bw.bulk": async () =>
        ok({
          results: [
            { enterpriseId: "e1", ok: true, message: null },
            { enterpriseId: "e2", ok: false, message: "Webex refused: enterprise is being provisioned" },
          ],
        }),
    });
    await mount(w.send);
    expect(button("wxsync-partner-enable").disabled).toBe(true);

    await click($("wxsync-partner-select-all"));
    expect($("wxsync-partner-selected-count")?.textContent).toBe("2 of 2 selected");
    await click($("wxsync-partner-enable"));

    expect(w.of("bw.bulk")).toEqual([{ partnerId: "p1", enterpriseIds: ["e1", "e2"], enabled: true }]);
    const results = $$("wxsync-partner-bulk-result");
    const failed = results.find((r) => r.dataset.ok === "false");
    expect(failed?.textContent).toBe("Reseller1+globex: Webex refused: enterprise is being provisioned");
    expect($("wxsync-partner-bulk-results")?.textContent).toContain("enabled for 1 of 2; 1 failed");
    // The table is read again to show the new state.
    expect(w.of("bw.enterprises")).toHaveLength(2);
  });

  it("syncs all selected enterprises, polling the job until it ends", async () => {
    vi.useFakeTimers();
    const polls = [
      job("running", 1, 0, { clusters: { c1: { running: "Reseller1+globex", waiting: 0 } } }),
      job("completed_with_errors", 1, 1, {
        items: [
          { enterpriseId: "e1", spEnterpriseId: "Reseller1+acme", state: "done", message: null },
          {
            enterpriseId: "e2",
            spEnterpriseId: "Reseller1+globex",
            state: "failed",
            message: "Error 600014",
          },
        ],
      }),
    ];
    const w = worker({
      "bw.jobStart": async () =>
        ok(job("running", 0, 0, { clusters: { c1: { running: "Reseller1+acme", waiting: 1 } } })),
      "bw.job": async () => ok(polls.shift() ?? job("completed_with_errors", 1, 1)),
    });
    await mount(w.send, 1000);

    await click($("wxsync-partner-select-all"));
    await click($("wxsync-partner-sync-all"));
    expect(w.of("bw.jobStart")).toEqual([{ partnerId: "p1", enterpriseIds: ["e1", "e2"] }]);
    expect($("wxsync-partner-job-clusters")?.textContent).toBe("c1: syncing Reseller1+acme, 1 waiting");
    expect(button("wxsync-partner-sync-all").disabled).toBe(true);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    await settle();
    expect(w.of("bw.job")).toEqual([{ partnerId: "p1", jobId: "job-1" }]);
    const bar = $("wxsync-partner-job-progress") as HTMLProgressElement;
    expect(bar.getAttribute("aria-valuenow")).toBe("1");
    expect(bar.getAttribute("aria-valuemax")).toBe("2");
    expect($("wxsync-partner-job-counts")?.textContent).toBe("1 done, 0 failed, 2 in all");
    expect($("wxsync-partner-job-clusters")?.textContent).toBe("c1: syncing Reseller1+globex");

    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    await settle();
    const summary = $("wxsync-partner-job-summary")?.textContent;
    expect(summary).toContain("Sync all finished with errors: 1 of 2 synced, 1 failed.");
    expect(summary).toContain("Reseller1+globex: Error 600014");
    expect(w.of("bw.enterprises")).toHaveLength(2);

    // The job has ended: no more polling.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(w.of("bw.job")).toHaveLength(2);
    expect(button("wxsync-partner-sync-all").disabled).toBe(false);
  });

  it("shows a refused Sync now in the enterprise's row", async () => {
    const w = worker({
      "bw.syncNow": async () =>
        fail("Cluster c1 is busy: Reseller1+acme is syncing. Try again when it ends.", 409),
    });
    await mount(w.send);

    await click(row("e2").querySelector("[data-testid=wxsync-partner-sync-now]"));
    expect(w.of("bw.syncNow")).toEqual([{ partnerId: "p1", enterpriseId: "e2" }]);
    const message = $$("wxsync-partner-row-message");
    expect(message.map((m) => m.textContent)).toEqual([
      "Cluster c1 is busy: Reseller1+acme is syncing. Try again when it ends.",
    ]);
    // Shown right under the enterprise it concerns.
    expect(row("e2").nextElementSibling?.contains(message[0]!)).toBe(true);
  });

  it("turns the operator actions off for a viewer key and says why", async () => {
    const w = worker({
      whoami: async () => ok({ keyId: "k2", name: "look", role: "viewer" as const, scope: "all" as const }),
    });
    await mount(w.send);
    await click($("wxsync-partner-select-all"));

    expect($("wxsync-partner-blocked")?.textContent).toBe(
      "Your API key is a viewer key: ask for an operator key",
    );
    for (const id of [
      "wxsync-partner-enable",
      "wxsync-partner-disable",
      "wxsync-partner-sync-all",
      "wxsync-partner-refresh",
    ]) {
      expect(button(id).disabled, id).toBe(true);
      expect(button(id).title).toBe("Your API key is a viewer key: ask for an operator key");
    }
    expect($$("wxsync-partner-sync-now").every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    // Reading is still allowed.
    expect(button("wxsync-partner-export").disabled).toBe(false);
  });

  it("exports the last sync of the selected enterprises as a CSV download", async () => {
    const downloads = fakeDownloads();
    const w = worker({
      "csv.get": async () => ok({ fileName: "last-sync.csv", text: "spEnterpriseId\nReseller1+acme\n" }),
    });
    await mount(w.send);

    await click(row("e1").querySelector("[data-testid=wxsync-partner-select]"));
    await click(row("e2").querySelector("[data-testid=wxsync-partner-select]"));
    await click($("wxsync-partner-export"));

    expect(w.of("csv.get")).toEqual([
      { path: "/api/v1/partners/p1/broadworks/last-sync.csv?enterpriseIds=e1,e2" },
    ]);
    expect(downloads.names()).toEqual(["last-sync.csv"]);
    // With a byte order mark first, for Excel.
    expect(await downloads.saved[0]?.blob.text()).toBe("\uFEFFspEnterpriseId\nReseller1+acme\n");
    // Saved by the browser's download manager: no link in any page.
    expect(root.querySelector("a")).toBeNull();
  });

  it("exports the partner's whole hierarchy (customers, locations, users, workspaces, devices) as CSV", async () => {
    const downloads = fakeDownloads();
    const w = worker({
      "csv.get": async () => ok({ fileName: "Partner_Hierarchy.csv", text: "Partner,Customer\n" }),
    });
    await mount(w.send);
    await click($("wxsync-partner-hierarchy"));
    expect(w.of("csv.get")).toEqual([{ path: "/api/v1/partners/p1/hierarchy.csv?bom=true" }]);
    expect(downloads.names()).toEqual(["Partner_Hierarchy.csv"]);
    expect($("wxsync-partner-hierarchy-state")?.textContent).toContain("Downloaded Partner_Hierarchy.csv");
  });

  it("says the worker is unreachable in place of the tables", async () => {
    const down =
      "Cannot reach the wxsync worker at http://127.0.0.1:8787. Is it running, and is the URL right?";
    const w = worker({
      "customers.list": async () => fail(down),
      "bw.enterprises": async () => fail(down),
    });
    await mount(w.send);

    expect($("wxsync-partner-customers-error")?.textContent).toBe(down);
    expect($("wxsync-partner-enterprises-error")?.textContent).toBe(down);
    expect($("wxsync-partner-customers")).toBeNull();
    expect($("wxsync-partner-enterprises")).toBeNull();
  });

  it("says so when the background does not answer at all", async () => {
    const w = worker({
      "partners.list": async () => {
        throw new Error("Could not establish connection. Receiving end does not exist.");
      },
    });
    await mount(w.send);
    expect($("wxsync-partner-partners-error")?.textContent).toContain("Receiving end does not exist");
  });

  it("says when wxsync has no partner, and lets the administrator choose among several", async () => {
    const none = worker({ "partners.list": async () => page([]) });
    await mount(none.send);
    expect($("wxsync-partner-no-partner")?.textContent).toBe("No partner in wxsync");
    render(null, root);
    root.remove();

    const two = worker({
      "partners.list": async () =>
        page([
          { id: "p1", name: "Reseller One" },
          { id: "p2", name: "Reseller Two" },
        ]),
      "bw.enterprises": async ({ partnerId }) =>
        page(partnerId === "p2" ? [enterprise("e9", "Reseller2+initech")] : ENTERPRISES),
    });
    await mount(two.send);
    const select = $("wxsync-partner-select-partner") as HTMLSelectElement;
    await act(async () => {
      select.value = "p2";
      select.dispatchEvent(new Event("change"));
    });
    await settle();
    expect(two.of("bw.enterprises")).toEqual([{ partnerId: "p1" }, { partnerId: "p2" }]);
    expect($$("wxsync-partner-enterprise").map((r) => r.dataset.enterpriseId)).toEqual(["e9"]);
  });
});
