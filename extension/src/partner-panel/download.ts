/**
 * @module partner-panel/download
 * Turns text the worker sent (a CSV export) into a file the browser downloads, without any permission:
 * a Blob, an object URL and a temporary link with `download`.
 */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // Firefox only follows a link that is in the document.
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Freed a little later: the download may still be reading the URL when click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
