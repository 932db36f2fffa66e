import { render } from "preact";
import { act } from "preact/test-utils";
import { describe, expect, it, vi } from "vitest";
import { Panel } from "./Panel.tsx";

async function mount(loadHealth: Parameters<typeof Panel>[0]["loadHealth"]) {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(<Panel loadHealth={loadHealth} refreshMs={60_000} />, root);
  });
  await act(async () => {});
  return root;
}

describe("Panel", () => {
  it("shows the worker's health when it answers", async () => {
    const root = await mount(async () => ({
      ok: true,
      data: { status: "ok", version: "0.1.0", database: "ok", lastCronAt: null },
    }));
    expect(root.querySelector("[data-testid=wxsync-health]")?.textContent).toBe(
      "worker ok · v0.1.0 · database ok",
    );
    expect(root.querySelector("section")?.dataset.status).toBe("ok");
  });

  it("says what is wrong when the worker cannot be reached", async () => {
    const root = await mount(async () => ({
      ok: false,
      error: { kind: "unreachable", message: "Cannot reach the wxsync worker at http://127.0.0.1:8787." },
    }));
    expect(root.textContent).toContain("Cannot reach the wxsync worker");
    expect(root.querySelector("section")?.dataset.status).toBe("problem");
  });

  it("collapses and expands without reloading", async () => {
    const load = vi.fn(async () => ({
      ok: true as const,
      data: { status: "ok" as const, version: "0.1.0", database: "ok" as const, lastCronAt: null },
    }));
    const root = await mount(load);
    const button = root.querySelector("button")!;
    await act(async () => button.click());
    expect(root.querySelector("[data-testid=wxsync-health]")).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    await act(async () => button.click());
    expect(root.querySelector("[data-testid=wxsync-health]")).not.toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
