import { describe, expect, it, vi } from "vitest";
import { type DownloadDeps, downloadText, safeFileName } from "./download.ts";

function fakeDeps(options: { fail?: boolean } = {}) {
  const listeners = new Set<(d: { id: number; state?: { current?: string } }) => void>();
  const deps: DownloadDeps = {
    download: vi.fn(async () => {
      if (options.fail) throw new Error("Invalid filename");
      return 7;
    }),
    onChanged: { addListener: (cb) => listeners.add(cb), removeListener: (cb) => listeners.delete(cb) },
    createObjectURL: vi.fn(() => "blob:chrome-extension://wxsync/1"),
    revokeObjectURL: vi.fn(),
  };
  const fire = (delta: { id: number; state?: { current?: string } }) => {
    for (const cb of [...listeners]) cb(delta);
  };
  return { deps, fire, listeners };
}

describe("downloadText", () => {
  it("hands the browser's download manager a blob URL of the extension with a BOM, under the worker's name", async () => {
    const { deps, fire, listeners } = fakeDeps();
    const before = document.body.innerHTML;
    expect(await downloadText("Acme_User_2026-12-02.csv", "a,b\n1,2\n", deps)).toBe(
      "Acme_User_2026-12-02.csv",
    );
    expect(deps.download).toHaveBeenCalledWith({
      url: "blob:chrome-extension://wxsync/1",
      filename: "Acme_User_2026-12-02.csv",
      saveAs: false,
    });
    const blob = vi.mocked(deps.createObjectURL).mock.calls[0]![0];
    // A byte order mark first, so Excel reads non-Latin names right.
    expect(await blob.text()).toBe("\uFEFFa,b\n1,2\n");
    expect(blob.type).toContain("text/csv");
    // No link, no URL in any DOM.
    expect(document.body.innerHTML).toBe(before);
    // The URL stays until the download has ended, then goes.
    fire({ id: 7, state: { current: "in_progress" } });
    fire({ id: 8, state: { current: "complete" } });
    expect(deps.revokeObjectURL).not.toHaveBeenCalled();
    fire({ id: 7, state: { current: "complete" } });
    expect(deps.revokeObjectURL).toHaveBeenCalledWith("blob:chrome-extension://wxsync/1");
    expect(listeners.size).toBe(0);
  });

  it("keeps one BOM when the text has one, and lets the URL go when the browser refuses", async () => {
    const { deps } = fakeDeps({ fail: true });
    await expect(downloadText("x.csv", "\uFEFFa\n", deps)).rejects.toThrow("Invalid filename");
    expect(await vi.mocked(deps.createObjectURL).mock.calls[0]![0].text()).toBe("\uFEFFa\n");
    expect(deps.revokeObjectURL).toHaveBeenCalledOnce();
  });

  it("makes names the download manager accepts", () => {
    expect(safeFileName("Acme/West: Q4*_User.csv")).toBe("Acme_West_ Q4__User.csv");
    expect(safeFileName("..hidden.csv")).toBe("hidden.csv");
    expect(safeFileName("...")).toBe("wxsync-export.csv");
  });
});
