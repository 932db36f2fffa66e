/**
 * @module page/download
 * Saves a CSV through the browser's download manager (`browser.downloads`), from the extension page the user
 * clicked in (the panel frame or the dashboard). The file's bytes become a blob URL of the extension's own
 * origin, which no web page can read, and the URL never enters any page's DOM. (The background cannot do this
 * itself: Chrome's service worker has no URL.createObjectURL, and a data: URL would copy the whole file into a
 * string again; the worker's answer is already here, with its error message if it failed.)
 */
import { browser } from "wxt/browser";

type DownloadDelta = { id: number; state?: { current?: string } };
export type DownloadDeps = {
  download: (options: { url: string; filename: string; saveAs: boolean }) => Promise<number>;
  /** Fires as downloads change; the blob URL is let go once its download has ended. */
  onChanged: {
    addListener(cb: (delta: DownloadDelta) => void): void;
    removeListener(cb: (delta: DownloadDelta) => void): void;
  };
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
};

const browserDeps = (): DownloadDeps => ({
  download: (options) => browser.downloads.download(options),
  onChanged: browser.downloads.onChanged,
  createObjectURL: (blob) => URL.createObjectURL(blob),
  revokeObjectURL: (url) => URL.revokeObjectURL(url),
});

/**
 * A name the download manager accepts on every system: no path separators or characters Windows forbids, no
 * leading dots. The worker's names (`<Customer>_<Model>_<date>.csv`) pass unchanged unless the customer's has them.
 */
export function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_").replace(/^[.\s]+|[.\s]+$/g, "");
  return cleaned || "wxsync-export.csv";
}

/** Saves `text` as `fileName` (made safe) and resolves with the name used once the browser has the download. */
export async function downloadText(
  fileName: string,
  text: string,
  deps: DownloadDeps = browserDeps(),
): Promise<string> {
  // A byte order mark first, so Excel reads non-Latin names right (the worker's is dropped when its answer is
  // read as text).
  const body = text.startsWith("\uFEFF") ? text : `\uFEFF${text}`;
  const url = deps.createObjectURL(new Blob([body], { type: "text/csv;charset=utf-8" }));
  const filename = safeFileName(fileName);
  let id: number;
  try {
    id = await deps.download({ url, filename, saveAs: false });
  } catch (error) {
    deps.revokeObjectURL(url);
    throw error;
  }
  const ended = (delta: DownloadDelta) => {
    const state = delta.state?.current;
    if (delta.id !== id || (state !== "complete" && state !== "interrupted")) return;
    deps.onChanged.removeListener(ended);
    deps.revokeObjectURL(url);
  };
  deps.onChanged.addListener(ended);
  return filename;
}

/** Saves a CSV the worker sent; never throws: a refusal by the browser becomes a message naming the file. */
export async function saveCsv(
  file: { fileName: string; text: string },
  deps?: DownloadDeps,
): Promise<{ ok: true; fileName: string } | { ok: false; message: string }> {
  try {
    return { ok: true, fileName: await downloadText(file.fileName, file.text, deps) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The browser did not save ${file.fileName}: ${reason}` };
  }
}
