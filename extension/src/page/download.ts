/**
 * @module page/download
 * Hands text to the browser as a file download, from any extension page or content script.
 */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  // A byte order mark first, so Excel reads non-Latin names right (the browser drops the worker's on reading).
  const body = text.startsWith("\uFEFF") ? text : `\uFEFF${text}`;
  const url = URL.createObjectURL(new Blob([body], { type: "text/csv;charset=utf-8" }));
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
