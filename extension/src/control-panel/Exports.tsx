import { MODEL_NAMES } from "@wxsync/core/models";
import { useState } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import type { send as Send } from "../messaging/send.ts";
import { type ExportKind, exportPath, PAGE_EXPORTS, type PageKind } from "../page/context.ts";
import { saveCsv } from "../page/download.ts";

export type ExportsProps = { send: typeof Send; customerId: string; page: PageKind };

/** The export that fits the page, and a menu for every other model. */
export function Exports({ send, customerId, page }: ExportsProps) {
  const gate = useGate();
  const [choice, setChoice] = useState<ExportKind>("User");
  const [state, setState] = useState<string | null>(null);
  const fitting = page === "other" ? null : PAGE_EXPORTS[page];

  const run = async (model: ExportKind) => {
    setState("Preparing the CSV…");
    const answer = await send("csv.get", { path: exportPath(customerId, model) });
    if (!answer.ok) return setState(answer.error.message);
    const saved = await saveCsv(answer.data);
    setState(saved.ok ? `Downloaded ${saved.fileName}` : saved.message);
  };

  return (
    <div class="wxsync-exports">
      {fitting && (
        <button type="button" data-testid="wxsync-export" onClick={gate.read(() => run(fitting.model))}>
          Export {fitting.label} (CSV)
        </button>
      )}
      <label>
        <span>Other exports</span>
        <select
          data-testid="wxsync-export-menu"
          value={choice}
          onChange={(e) => setChoice(e.currentTarget.value as ExportKind)}
        >
          <option value="NumberInventory">Number inventory</option>
          <option value="Hierarchy">Hierarchy (locations, users, workspaces, devices)</option>
          {MODEL_NAMES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="wxsync-export-chosen" onClick={gate.read(() => run(choice))}>
        Export
      </button>
      {state && <p data-testid="wxsync-export-state">{state}</p>}
    </div>
  );
}
