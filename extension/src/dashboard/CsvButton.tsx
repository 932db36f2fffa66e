/**
 * @module dashboard/CsvButton
 * A button that asks the worker for one of its CSV exports and saves it, saying what happened.
 */
import { useState } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import { downloadText } from "../page/download.ts";
import { ask, type Send } from "./ask.ts";

export type CsvButtonProps = {
  send: Send;
  /** The worker's export path, e.g. `/api/v1/customers/<id>/runs.csv`. */
  path: string;
  label: string;
  testid: string;
  /** Saves the file; replaced in tests. */
  download?: (fileName: string, text: string) => void;
};

export function CsvButton({ send, path, label, testid, download = downloadText }: CsvButtonProps) {
  const gate = useGate();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; failed: boolean } | null>(null);

  const run = async () => {
    setBusy(true);
    setNote(null);
    const answer = await ask(send, "csv.get", { path });
    setBusy(false);
    if (!answer.ok) return setNote({ text: answer.error.message, failed: true });
    download(answer.data.fileName, answer.data.text);
    setNote({ text: `Saved ${answer.data.fileName}`, failed: false });
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
