import { afterEach, describe, expect, it, vi } from "vitest";
import { downloadText } from "./download.ts";

describe("downloadText", () => {
  afterEach(() => vi.restoreAllMocks());

  it("clicks a temporary link to a blob of the text, named as the worker named the file", async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return "blob:wxsync/1";
    });
    const clicked: { href: string; download: string; inPage: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inPage: document.body.contains(this) });
    });

    downloadText("Acme-SyncRuns.csv", "a,b\n1,2\n");

    expect(clicked).toEqual([{ href: "blob:wxsync/1", download: "Acme-SyncRuns.csv", inPage: true }]);
    expect(document.querySelector("a[download]")).toBeNull();
    // A byte order mark first, so Excel reads non-Latin names right.
    expect(await blobs[0]?.text()).toBe("\uFEFFa,b\n1,2\n");
    expect(blobs[0]?.type).toContain("text/csv");
  });
});
