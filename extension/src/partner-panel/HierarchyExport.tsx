/**
 * @module partner-panel/HierarchyExport
 * The partner's whole hierarchy as one CSV: every customer, location, user and workspace with their devices and
 * SIP details, the way Phonism maps organizations to domains and locations to tenants.
 */
import { useState } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import { saveCsv } from "../page/download.ts";
import { ask, type Send } from "./send.ts";

export function HierarchyExport({ send, partnerId }: { send: Send; partnerId: string }) {
  const gate = useGate();
  const [state, setState] = useState<string | null>(null);
  const run = async () => {
    setState("Preparing the CSV…");
    const answer = await ask(send, "csv.get", {
      path: `/api/v1/partners/${encodeURIComponent(partnerId)}/hierarchy.csv?bom=true`,
    });
    if (!answer.ok) return setState(answer.error.message);
    const saved = await saveCsv(answer.data);
    setState(saved.ok ? `Downloaded ${saved.fileName}.` : saved.message);
  };
  return (
    <p class="wxsync-partner-hierarchy">
      <button type="button" data-testid="wxsync-partner-hierarchy" onClick={gate.read(run)}>
        Export hierarchy (CSV)
      </button>
      {state && <span data-testid="wxsync-partner-hierarchy-state"> {state}</span>}
    </p>
  );
}
