import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { trustedChange, trustedClick } from "../guard/testing.ts";
import type { send as Send } from "../messaging/send.ts";
import { remember, type TabChoice } from "../messaging/tab-choice.ts";
import { pageContext } from "../page/context.ts";
import { fakeDownloads } from "../page/fake-downloads.ts";
import { ControlHubPanel } from "./ControlHubPanel.tsx";

const uuid = "1eb65fdf-9643-417f-9974-ad72cae0e10f";
const acme = {
  id: "c1",
  name: "Acme",
  orgId: "b64",
  orgUuid: uuid,
  tokenHealth: { status: "ok", refreshTokenDaysLeft: 80 },
};
const beta = {
  id: "c2",
  name: "Beta",
  orgId: "b64b",
  orgUuid: "00000000-0000-4000-8000-000000000000",
  tokenHealth: { status: "expiring", refreshTokenDaysLeft: 3 },
};
const run = (status: string, percent: number) => ({
  id: "r1",
  customerId: "c1",
  dataSyncName: "SyncSparkUsersAcme",
  trigger: "manual",
  status,
  progress: percent,
  totals: { added: 2, updated: 1, removed: 0, unchanged: 5 },
  createdAt: "2026-11-24T10:00:00Z",
  startedAt: "2026-11-24T10:00:00Z",
  endedAt: status === "running" ? null : "2026-11-24T10:01:00Z",
  error: null,
  models: [
    {
      model: "User",
      status: status === "running" ? "running" : "done",
      percent,
      items: 1,
      added: 2,
      updated: 1,
      removed: 0,
      errors: [],
    },
  ],
});

type Answers = Record<string, (payload: Record<string, unknown>) => unknown>;

function fakeSend(role: string, answers: Answers = {}) {
  const calls: [string, unknown][] = [];
  let polls = 0;
  // The tab's memory, kept like the background keeps it.
  let tab: TabChoice = { customerId: null, seen: [] };
  const base: Answers = {
    "customers.list": () => ({ ok: true, data: { items: [acme, beta], nextCursor: null } }),
    whoami: () => ({ ok: true, data: { keyId: "k", name: "k", role, scope: "all" } }),
    "tab.customer": (p) => {
      tab = remember(tab, p.set as string | null | undefined);
      return tab;
    },
    "customer.overview": (p) => ({
      ok: true,
      data: {
        customer: p.customerId === "c2" ? beta : acme,
        runs: [],
        schedules: [{ id: "s", name: "S", enabled: true, nextRunAt: "2030-01-01T00:00:00Z" }],
      },
    }),
    "sync.start": () => ({ ok: true, data: { runId: "r1" } }),
    "run.get": () => ({ ok: true, data: polls++ < 2 ? run("running", 40 * polls) : run("succeeded", 100) }),
  };
  const send = (async (type: string, payload: Record<string, unknown>) => {
    calls.push([type, payload]);
    return (answers[type] ?? base[type])!(payload);
  }) as typeof Send;
  return { send, calls };
}

const mounted: HTMLElement[] = [];
// Panels poll on timers: each test's panels are unmounted before the next, so none outlives the test.
afterEach(() => {
  vi.restoreAllMocks();
  for (const root of mounted.splice(0)) {
    render(null, root);
    root.remove();
  }
});

async function mount(send: typeof Send, href: string) {
  const root = document.createElement("div");
  mounted.push(root);
  document.body.append(root);
  await act(async () => {
    render(<ControlHubPanel send={send} context={pageContext(href)} pollMs={5} />, root);
  });
  await act(async () => {});
  await act(async () => {});
  return root;
}
const q = (root: Element, id: string) => root.querySelector(`[data-testid=${id}]`);

describe("ControlHubPanel", () => {
  it("finds the customer org named in the URL and shows its token and next sync", async () => {
    const root = await mount(fakeSend("operator").send, `https://admin.webex.com/users?orgId=${uuid}`);
    expect(q(root, "wxsync-customer")?.textContent).toBe("Acme");
    expect(q(root, "wxsync-customer-select")).toBeNull();
    expect(q(root, "wxsync-token")?.textContent).toContain("80 days left");
    expect(q(root, "wxsync-next-sync")?.textContent).toMatch(/^in /);
    expect(q(root, "wxsync-export")?.textContent).toBe("Export users (CSV)");
  });

  it("asks which customer is on screen otherwise, remembers it for the tab, and warns before expiry", async () => {
    const { send, calls } = fakeSend("operator");
    const root = await mount(send, "https://admin.webex.com/overview");
    const select = q(root, "wxsync-customer-select") as HTMLSelectElement;
    await trustedChange(select, "c2");
    await act(async () => {});
    expect(calls).toContainEqual(["tab.customer", { set: "c2" }]);
    expect(q(root, "wxsync-customer")?.textContent).toBe("Beta");
    expect(q(root, "wxsync-token-warning")?.textContent).toContain("expires soon");
  });

  it("runs Sync Webex App Users with a bar per model until the run ends, then shows what changed", async () => {
    const { send, calls } = fakeSend("operator");
    const root = await mount(send, `https://admin.webex.com/users?orgId=${uuid}`);
    await trustedClick(q(root, "wxsync-sync-users"));
    await act(async () => {});
    expect(calls.some(([t, p]) => t === "sync.start" && (p as { kind: string }).kind === "users")).toBe(true);
    expect(q(root, "wxsync-model-progress")?.getAttribute("data-model")).toBe("User");
    await vi.waitFor(async () => {
      await act(async () => {});
      expect(q(root, "wxsync-run-summary")?.textContent).toContain("+2 added");
    });
    expect((q(root, "wxsync-run-progress") as HTMLProgressElement).value).toBe(100);
  });

  it("disables the sync buttons for a viewer key and says why", async () => {
    const root = await mount(fakeSend("viewer").send, `https://admin.webex.com/users?orgId=${uuid}`);
    expect((q(root, "wxsync-sync-users") as HTMLButtonElement).disabled).toBe(true);
    expect((q(root, "wxsync-sync-data") as HTMLButtonElement).disabled).toBe(true);
    expect(q(root, "wxsync-role-reason")?.textContent).toContain("viewer");
  });

  it("on the devices page, rotates every partner-managed device's SIP password as a job, after a confirmation", async () => {
    let polls = 0;
    const job = (done: number, status = "running") => ({
      id: "j1",
      status,
      message: null,
      progress: { total: 4, done, failed: 0, remaining: 4 - done, percent: done * 25 },
    });
    const { send, calls } = fakeSend("operator", {
      "sip.rotateAll": () => ({ ok: true, data: job(0) }),
      // One poll fails on the way: polling goes on.
      "sip.job": () =>
        ++polls === 1
          ? { ok: false, error: { kind: "http", message: "worker busy" } }
          : { ok: true, data: polls < 3 ? job(polls) : job(4, "succeeded") },
    });
    const root = await mount(send, `https://admin.webex.com/devices?orgId=${uuid}`);
    expect(q(root, "wxsync-export")?.textContent).toBe("Export devices (CSV)");
    await trustedClick(q(root, "wxsync-rotate-all"));
    // Nothing is sent before the confirmation.
    expect(calls.some(([t]) => t === "sip.rotateAll")).toBe(false);
    await trustedClick(q(root, "wxsync-rotate-confirm"));
    expect(calls).toContainEqual(["sip.rotateAll", { customerId: "c1" }]);
    await vi.waitFor(async () => {
      await act(async () => {});
      expect(q(root, "wxsync-rotation")?.getAttribute("data-status")).toBe("succeeded");
    });
    expect(q(root, "wxsync-rotation-summary")?.textContent).toBe("succeeded: 4 of 4 rotated");
    expect((q(root, "wxsync-rotation-progress") as HTMLProgressElement).value).toBe(100);
    // No password is ever asked for or shown here.
    expect(calls.some(([t]) => t.includes("reveal"))).toBe(false);
    expect(root.textContent).not.toMatch(/password:/i);

    await trustedClick(q(root, "wxsync-sync-devices"));
    expect(calls).toContainEqual(["sync.start", { customerId: "c1", kind: "devices" }]);
    await vi.waitFor(async () => {
      await act(async () => {});
      expect(q(root, "wxsync-run-summary")).not.toBeNull();
    });
  });

  it("exports the devices with their SIP details and the hierarchy, and offers neither rotation to a viewer", async () => {
    const { send, calls } = fakeSend("viewer", {
      "csv.get": (p) => ({
        ok: true,
        data: { fileName: String(p.path).includes("hierarchy") ? "h.csv" : "d.csv", text: "a\n" },
      }),
    });
    const downloads = fakeDownloads();
    const root = await mount(send, `https://admin.webex.com/devices?orgId=${uuid}`);
    expect((q(root, "wxsync-rotate-all") as HTMLButtonElement).disabled).toBe(true);
    expect((q(root, "wxsync-sync-devices") as HTMLButtonElement).disabled).toBe(true);
    await trustedClick(q(root, "wxsync-export-sip"));
    await trustedClick(q(root, "wxsync-export-hierarchy"));
    await act(async () => {});
    expect(calls.filter(([t]) => t === "csv.get").map(([, p]) => (p as { path: string }).path)).toEqual([
      "/api/v1/customers/c1/models/DeviceCallingDetails.csv?bom=true",
      "/api/v1/customers/c1/hierarchy.csv?bom=true",
    ]);
    expect(q(root, "wxsync-devices-export-state")?.textContent).toBe("Downloaded h.csv");
    expect(downloads.names()).toEqual(["d.csv", "h.csv"]);
    // Other pages have no device tools.
    const users = await mount(send, `https://admin.webex.com/users?orgId=${uuid}`);
    expect(q(users, "wxsync-devices")).toBeNull();
  });

  it("shows the offline state when the worker is down", async () => {
    const down = () => ({
      ok: false,
      error: { kind: "unreachable", message: "Cannot reach the wxsync worker at http://x." },
    });
    const root = await mount(
      fakeSend("operator", { "customers.list": down, whoami: down }).send,
      "https://admin.webex.com/users",
    );
    expect(q(root, "wxsync-offline")?.textContent).toContain("wxsync is offline");
  });
});
