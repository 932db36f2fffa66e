/**
 * @module dashboard/download
 * Turns text the worker sent (a CSV export) into a file the browser saves, without any download permission:
 * a Blob behind an object URL, clicked through a temporary link.
 */
export function downloadText(fileName: string, text: string, doc = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Not revoked at once: the browser may still be reading the URL when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
