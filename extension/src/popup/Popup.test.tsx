import { render } from "preact";
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import type { send as Send } from "../messaging/send.ts";
import { Popup } from "./Popup.tsx";

const customer = (name: string, status: string) => ({
  id: name,
  name,
  orgId: name,
  orgUuid: name,
  tokenHealth: { status, refreshTokenDaysLeft: 10 },
});

async function mount(send: typeof Send) {
  const root = document.createElement("div");
  document.body.append(root);
  const open = vi.fn();
  await act(async () => {
    render(<Popup send={send} open={open} />, root);
  });
  await act(async () => {});
  return { root, open };
}

describe("Popup", () => {
  it("puts customers in trouble first and counts them", async () => {
    const send = (async (type: string) =>
      type === "worker.health"
        ? { ok: true, data: { status: "ok", version: "0.1.0", database: "ok", lastCronAt: null } }
        : {
            ok: true,
            data: {
              items: [customer("Acme", "ok"), customer("Zed", "expired"), customer("Beta", "expiring")],
              nextCursor: null,
            },
          }) as typeof Send;
    const { root, open } = await mount(send);
    expect(
      [...root.querySelectorAll("[data-testid=popup-customers] li")].map((li) => li.textContent),
    ).toEqual(["Zed — expired", "Beta — expiring", "Acme — ok"]);
    expect(root.querySelector("[data-testid=popup-summary]")?.textContent).toContain("2 need attention");
    (root.querySelector("[data-testid=open-dashboard]") as HTMLButtonElement).click();
    expect(open).toHaveBeenCalledWith("dashboard");
  });

  it("says so when the worker is unreachable", async () => {
    const down = {
      ok: false,
      error: { kind: "unreachable", message: "Cannot reach the wxsync worker at http://x." },
    };
    const { root } = await mount((async () => down) as typeof Send);
    expect(root.querySelector("[data-testid=popup-health]")?.textContent).toContain("Cannot reach");
  });
});
