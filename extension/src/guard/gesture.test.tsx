import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { ControlHubPanel } from "../control-panel/ControlHubPanel.tsx";
import type { send as Send } from "../messaging/send.ts";
import { pageContext } from "../page/context.ts";
import { Panel } from "../panel/Panel.tsx";
import { NOT_VISIBLE } from "./gesture.tsx";
import { trustedClick } from "./testing.ts";

const acme = {
  id: "c1",
  name: "Acme",
  orgId: "b64",
  orgUuid: "1eb65fdf-9643-417f-9974-ad72cae0e10f",
  tokenHealth: { status: "ok", refreshTokenDaysLeft: 80 },
};
const health = {
  ok: true as const,
  data: { status: "ok" as const, version: "0.1.0", database: "ok" as const, lastCronAt: null },
};

function worker() {
  const sent: string[] = [];
  const answers: Record<string, unknown> = {
    "customers.list": { ok: true, data: { items: [acme], nextCursor: null } },
    whoami: { ok: true, data: { keyId: "k", name: "k", role: "operator", scope: "all" } },
    "tab.customer": { customerId: null, seen: [] },
    "customer.overview": { ok: true, data: { customer: acme, runs: [], schedules: [] } },
    "sync.start": { ok: false, error: { kind: "http", message: "stop here" } },
    "sip.rotateAll": { ok: false, error: { kind: "http", message: "stop here" } },
  };
  const send = (async (type: string) => {
    sent.push(type);
    return answers[type];
  }) as typeof Send;
  return { send, sent, writes: () => sent.filter((t) => t === "sync.start" || t === "sip.rotateAll") };
}

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

/** The Control Hub panel inside the overlay, with visibility told by the test instead of the browser. */
async function mount(send: typeof Send) {
  let tell: (visible: boolean) => void = () => {};
  const watch = (_: Element, onChange: (visible: boolean) => void) => {
    tell = onChange;
    onChange(false);
    return () => {};
  };
  root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(
      <Panel loadHealth={async () => health} watch={watch}>
        <ControlHubPanel
          send={send}
          context={pageContext(`https://admin.webex.com/devices?orgId=${acme.orgUuid}`)}
        />
      </Panel>,
      root,
    );
  });
  for (let i = 0; i < 3; i++) await act(async () => {});
  return { setVisible: (v: boolean) => act(async () => tell(v)) };
}
const q = (id: string) => root.querySelector<HTMLButtonElement>(`[data-testid=${id}]`);

describe("actions that write need a trusted click in a panel the user can see", () => {
  it("keeps sync and rotation off, with the reason on show, while the panel is not truly visible", async () => {
    const w = worker();
    await mount(w.send);
    expect(q("wxsync-not-visible")?.textContent).toBe(NOT_VISIBLE);
    for (const id of ["wxsync-sync-users", "wxsync-sync-data", "wxsync-sync-devices", "wxsync-rotate-all"])
      expect(q(id)?.disabled, id).toBe(true);
    // Even a trusted click on a disabled button sends nothing.
    await trustedClick(q("wxsync-sync-users"));
    expect(w.writes()).toEqual([]);
  });

  it("ignores script clicks (isTrusted false) on every writing button, and answers the user's own", async () => {
    const w = worker();
    const { setVisible } = await mount(w.send);
    await setVisible(true);
    expect(q("wxsync-not-visible")).toBeNull();
    for (const id of ["wxsync-sync-users", "wxsync-sync-data", "wxsync-sync-devices", "wxsync-rotate-all"]) {
      await act(async () => q(id)!.click());
      await act(async () => {
        q(id)!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      });
    }
    expect(q("wxsync-rotate-confirm")).toBeNull();
    expect(w.writes()).toEqual([]);

    await trustedClick(q("wxsync-rotate-all"));
    await act(async () => q("wxsync-rotate-confirm")!.click());
    expect(w.writes()).toEqual([]);
    await trustedClick(q("wxsync-rotate-confirm"));
    await trustedClick(q("wxsync-sync-users"));
    expect(w.writes()).toEqual(["sip.rotateAll", "sync.start"]);
  });

  it("turns the actions off again when the panel is covered", async () => {
    const w = worker();
    const { setVisible } = await mount(w.send);
    await setVisible(true);
    expect(q("wxsync-sync-data")?.disabled).toBe(false);
    await setVisible(false);
    expect(q("wxsync-sync-data")?.disabled).toBe(true);
    expect(q("wxsync-not-visible")).not.toBeNull();
  });
});
