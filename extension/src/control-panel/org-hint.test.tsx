import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { trustedClick } from "../guard/testing.ts";
import type { send as Send } from "../messaging/send.ts";
import { remember, type TabChoice } from "../messaging/tab-choice.ts";
import { pageContext } from "../page/context.ts";
import { ControlHubPanel } from "./ControlHubPanel.tsx";
import { decide } from "./org-hint.ts";

describe("decide", () => {
  it("remembers every customer put on show in the tab", () => {
    const once = remember({ customerId: null, seen: [] }, "a");
    expect(once).toEqual({ customerId: "a", seen: ["a"] });
    expect(remember(remember(once, "b"), "a")).toEqual({ customerId: "a", seen: ["a", "b"] });
    expect(remember(once, null)).toEqual({ customerId: null, seen: ["a"] });
    expect(remember(once, undefined)).toBe(once);
  });

  it("lets the address bring the tab's first customer and any looked at before, and asks about others", () => {
    expect(decide({ customerId: null, seen: [] }, "a", null)).toEqual({ kind: "show", customerId: "a" });
    expect(decide({ customerId: "a", seen: ["a"] }, null, null)).toEqual({ kind: "show", customerId: "a" });
    expect(decide({ customerId: "a", seen: ["a", "b"] }, "b", null)).toEqual({
      kind: "show",
      customerId: "b",
    });
    expect(decide({ customerId: "a", seen: ["a"] }, "b", null)).toEqual({
      kind: "ask",
      hinted: "b",
      current: "a",
    });
    expect(decide({ customerId: "a", seen: ["a"] }, "b", "b")).toEqual({
      kind: "stay",
      hinted: "b",
      current: "a",
    });
    expect(decide({ customerId: "a", seen: ["a"] }, "c", "b")).toEqual({
      kind: "ask",
      hinted: "c",
      current: "a",
    });
  });
});

const customer = (id: string, name: string, orgUuid: string) => ({
  id,
  name,
  orgId: `b64-${id}`,
  orgUuid,
  tokenHealth: { status: "ok", refreshTokenDaysLeft: 80 },
});
const acme = customer("c1", "Acme", "1eb65fdf-9643-417f-9974-ad72cae0e10f");
const tyrell = customer("c2", "Tyrell", "00000000-0000-4000-8000-000000000000");
const url = (c: { orgUuid: string }) => `https://admin.webex.com/devices?orgId=${c.orgUuid}`;

function worker() {
  let tab: TabChoice = { customerId: null, seen: [] };
  const sent: [string, Record<string, unknown>][] = [];
  const answers: Record<string, (p: Record<string, unknown>) => unknown> = {
    "customers.list": () => ({ ok: true, data: { items: [acme, tyrell], nextCursor: null } }),
    whoami: () => ({ ok: true, data: { keyId: "k", name: "k", role: "operator", scope: "all" } }),
    "tab.customer": (p) => {
      tab = remember(tab, p.set as string | null | undefined);
      return tab;
    },
    "customer.overview": (p) => ({
      ok: true,
      data: { customer: p.customerId === "c2" ? tyrell : acme, runs: [], schedules: [] },
    }),
    "sync.start": () => ({ ok: false, error: { kind: "http", message: "stop" } }),
  };
  const send = (async (type: string, payload: Record<string, unknown>) => {
    sent.push([type, payload]);
    return answers[type]!(payload);
  }) as typeof Send;
  return { send, sent, starts: () => sent.filter(([t]) => t === "sync.start").map(([, p]) => p.customerId) };
}

let root: HTMLElement | undefined;
afterEach(() => {
  if (!root) return;
  render(null, root);
  root.remove();
  root = undefined;
});
async function show(send: typeof Send, href: string) {
  if (!root) {
    root = document.createElement("div");
    document.body.append(root);
  }
  const into = root;
  await act(async () => {
    render(<ControlHubPanel send={send} context={pageContext(href)} pollMs={5} />, into);
  });
  for (let i = 0; i < 4; i++) await act(async () => {});
}
const q = (id: string) => root!.querySelector<HTMLButtonElement>(`[data-testid=${id}]`);

describe("the org in the page's address is a hint", () => {
  it("asks before acting for a customer the user has not looked at in this tab", async () => {
    const w = worker();
    await show(w.send, url(acme));
    expect(q("wxsync-customer")?.textContent).toBe("Acme");
    expect(q("wxsync-org-switch")).toBeNull();

    // Page script pushes another org into the address.
    await show(w.send, url(tyrell));
    expect(q("wxsync-customer")?.textContent).toBe("Acme");
    expect(q("wxsync-org-question")?.textContent).toBe(
      "This page now shows Tyrell; you were looking at Acme. Switch?",
    );
    // No action for either customer until the question is answered.
    for (const id of [
      "wxsync-sync-users",
      "wxsync-sync-data",
      "wxsync-sync-devices",
      "wxsync-rotate-all",
      "wxsync-export",
    ])
      expect(q(id), id).toBeNull();
    // A script's click does not answer it.
    await act(async () => q("wxsync-org-switch-yes")!.click());
    expect(q("wxsync-customer")?.textContent).toBe("Acme");

    await trustedClick(q("wxsync-org-switch-yes"));
    for (let i = 0; i < 3; i++) await act(async () => {});
    expect(q("wxsync-customer")?.textContent).toBe("Tyrell");
    expect(q("wxsync-org-switch")).toBeNull();
    await trustedClick(q("wxsync-sync-users"));
    expect(w.starts()).toEqual(["c2"]);

    // Back to a customer already looked at: no question.
    await show(w.send, url(acme));
    expect(q("wxsync-customer")?.textContent).toBe("Acme");
    expect(q("wxsync-org-switch")).toBeNull();
  });

  it("stays with the customer on show when the user says so, and acts on that one", async () => {
    const w = worker();
    await show(w.send, url(acme));
    await show(w.send, url(tyrell));
    await trustedClick(q("wxsync-org-switch-no"));
    expect(q("wxsync-org-stayed")?.textContent).toBe(
      "This page shows Tyrell; wxsync stays with Acme, as you chose.",
    );
    await trustedClick(q("wxsync-sync-users"));
    expect(w.starts()).toEqual(["c1"]);
  });
});
