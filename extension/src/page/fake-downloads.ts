/**
 * @module page/fake-downloads
 * For unit tests of the panels: stands in for the browser's download manager (the fake browser has none) and
 * records what each export handed it, with the file's text.
 */
import { vi } from "vitest";
import { browser } from "wxt/browser";

export function fakeDownloads() {
  const saved: { filename: string; url: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    const url = `blob:chrome-extension://wxsync/${blobs.size + 1}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
  vi.spyOn(browser.downloads, "download").mockImplementation(async ({ url, filename }) => {
    saved.push({ filename: filename ?? "", url, blob: blobs.get(url)! });
    return saved.length;
  });
  vi.spyOn(browser.downloads.onChanged, "addListener").mockImplementation(() => {});
  vi.spyOn(browser.downloads.onChanged, "removeListener").mockImplementation(() => {});
  return { saved, names: () => saved.map((s) => s.filename) };
}
