import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Run } from "../worker-api/schemas.ts";
import { RunsPanel } from "./RunsPanel.tsx";
import { all, click, fakeSend, mount, one, page, run, settle, unreachable } from "./testing.ts";

const model = (name: string, percent: number) => ({
  model: name,
  status: percent === 100 ? "done" : "running",
  percent,
  items: 10,
  added: 0,
  updated: 0,
  removed: 0,
  errors: [],
});

const running = (users: number, devices: number): Run =>
  run("r1", {
    status: "running",
    progress: Math.round((users + devices) / 2),
    endedAt: null,
    models: [model("User", users), model("Device", devices)],
  });

const bars = (root: Element) =>
  Object.fromEntries(
    (all(root, "dash-model-progress") as HTMLProgressElement[]).map((p) => [p.dataset.model, p.value]),
  );

async function tick(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await settle();
}

describe("runs panel", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shows each run's status, data sync, trigger and totals", async () => {
    const { send } = fakeSend({
      "runs.list": () => page([run("r1"), run("r2", { status: "failed", error: "Webex said 500" })]),
    });
    const root = await mount(<RunsPanel send={send} customerId="c1" pollMs={2000} />);
    const [first, second] = all(root, "dash-run-row") as HTMLElement[];
    expect(first?.textContent).toContain("SyncSparkAcme");
    expect(first?.textContent).toContain("manual");
    expect(one(first!, "dash-run-totals")?.textContent).toBe("+3 ~2 −1");
    expect(one(second!, "dash-run-status")?.textContent).toBe("failed");
    expect(one(root, "dash-run-detail")?.textContent).toContain("Webex said 500");
  });

  it("moves a running run's per-model bars on each poll and stops polling when it ends", async () => {
    const answers = [
      running(60, 20),
      run("r1", { totals: { added: 7, updated: 1, removed: 0, unchanged: 0 } }),
    ];
    const { send, callsOf } = fakeSend({
      "runs.list": () => page([running(30, 0)]),
      "run.get": () => ({ ok: true, data: answers.shift() ?? run("r1") }),
    });
    const root = await mount(<RunsPanel send={send} customerId="c1" pollMs={2000} />);
    expect(bars(root)).toEqual({ User: 30, Device: 0 });
    expect(one(root, "dash-model-progress")?.getAttribute("aria-label")).toBe("User: 30%");

    await tick(1999);
    expect(callsOf("run.get")).toEqual([]);
    await tick(1);
    expect(callsOf("run.get")).toEqual([{ customerId: "c1", runId: "r1" }]);
    expect(bars(root)).toEqual({ User: 60, Device: 20 });

    await tick(2000);
    expect(callsOf("run.get")).toHaveLength(2);
    expect(all(root, "dash-model-progress")).toHaveLength(0);
    expect(one(root, "dash-run-status")?.textContent).toBe("succeeded");
    expect(one(root, "dash-run-totals")?.textContent).toBe("+7 ~1 −0");

    await tick(10_000);
    expect(callsOf("run.get")).toHaveLength(2);
  });

  it("keeps polling through a failed poll and says why the bars are not moving", async () => {
    let fail = true;
    const { send, callsOf } = fakeSend({
      "runs.list": () => page([running(10, 10)]),
      "run.get": () => (fail ? unreachable : { ok: true, data: running(50, 50) }),
    });
    const root = await mount(<RunsPanel send={send} customerId="c1" pollMs={2000} />);
    await tick(2000);
    expect(one(root, "dash-run-poll-problem")?.textContent).toContain("Cannot reach the wxsync worker");
    fail = false;
    await tick(2000);
    expect(callsOf("run.get")).toHaveLength(2);
    expect(one(root, "dash-run-poll-problem")).toBeNull();
    expect(bars(root)).toEqual({ User: 50, Device: 50 });
  });

  it("shows what a run changed when it is clicked", async () => {
    const { send, callsOf } = fakeSend({
      "runs.list": () => page([run("r1")]),
      "run.changes": () =>
        page([
          {
            model: "User",
            itemId: "u1",
            label: "ada@example.com",
            kind: "updated",
            fields: [{ path: "displayName", before: "Ada", after: "Ada Lovelace" }],
            at: "2026-01-02T10:01:00Z",
          },
        ]),
    });
    const root = await mount(<RunsPanel send={send} customerId="c1" pollMs={2000} />);
    await click(one(root, "dash-run-changes-button"));
    expect(callsOf("run.changes")).toEqual([{ customerId: "c1", runId: "r1" }]);
    const row = one(root, "dash-change-row");
    expect(row?.textContent).toContain("User");
    expect(row?.textContent).toContain("ada@example.com");
    expect(row?.dataset.kind).toBe("updated");
    expect(row?.textContent).toContain("displayName: Ada → Ada Lovelace");
  });

  it("shows the worker's message when the runs cannot be loaded", async () => {
    const { send } = fakeSend({
      "runs.list": () => ({
        ok: false,
        error: { kind: "forbidden", message: "This API key cannot see runs." },
      }),
    });
    const root = await mount(<RunsPanel send={send} customerId="c1" pollMs={2000} />);
    expect(one(root, "dash-error")?.textContent).toContain("This API key cannot see runs.");
  });
});
