/**
 * @module dashboard/CsvButton
 * A button that asks the worker for one of its CSV exports and saves it, saying what happened.
 */
import { useState } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import { saveCsv } from "../page/download.ts";
import { ask, type Send } from "./ask.ts";

export type CsvButtonProps = {
  send: Send;
  /** The worker's export path, e.g. `/api/v1/customers/<id>/runs.csv`. */
  path: string;
  label: string;
  testid: string;
  /** Saves the file through the browser's downloads; replaced in tests. */
  download?: typeof saveCsv;
};

export function CsvButton({ send, path, label, testid, download = saveCsv }: CsvButtonProps) {
  const gate = useGate();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; failed: boolean } | null>(null);

  const run = async () => {
    setBusy(true);
    setNote(null);
    const answer = await ask(send, "csv.get", { path });
    setBusy(false);
    if (!answer.ok) return setNote({ text: answer.error.message, failed: true });
    const saved = await download(answer.data);
    setNote(
      saved.ok ? { text: `Saved ${saved.fileName}`, failed: false } : { text: saved.message, failed: true },
    );
  };

  return (
    <span class="dash-csv">
      <button type="button" data-testid={testid} disabled={busy} onClick={gate.read(run)}>
        {busy ? "Preparing CSV…" : label}
      </button>
      {note && (
        <span
          class={note.failed ? "dash-error-text" : "dash-note"}
          role={note.failed ? "alert" : "status"}
          data-testid={`${testid}-note`}
        >
          {note.text}
        </span>
      )}
    </span>
  );
}
