/**
 * @module dashboard/RunsPanel
 * The selected customer's recent runs, live while they run, and the changes of the run picked.
 */
import { useEffect, useState } from "preact/hooks";
import { ask, type Send } from "./ask.ts";
import { CsvButton } from "./CsvButton.tsx";
import { RunChanges } from "./RunChanges.tsx";
import { RunRow } from "./RunRow.tsx";
import { Pending } from "./Status.tsx";
import { useAnswer } from "./useAnswer.ts";

export type RunsPanelProps = { send: Send; customerId: string; pollMs: number };

export function RunsPanel({ send, customerId, pollMs }: RunsPanelProps) {
  const [answer, reload] = useAnswer(
    () => ask(send, "runs.list", { customerId, limit: 20 }),
    [send, customerId],
  );
  const [changesOf, setChangesOf] = useState<string | null>(null);
  useEffect(() => setChangesOf(null), [customerId]);

  return (
    <section class="dash-card" data-testid="dash-runs" aria-labelledby="dash-runs-title">
      <header class="dash-section-head">
        <h2 id="dash-runs-title">Runs</h2>
        <button type="button" data-testid="dash-runs-reload" onClick={reload}>
          Refresh
        </button>
        <CsvButton
          send={send}
          path={`/api/v1/customers/${encodeURIComponent(customerId)}/runs.csv`}
          label="Runs CSV"
          testid="dash-runs-csv"
        />
      </header>
      <Pending answer={answer} what="the runs" onRetry={reload} />
      {answer.status === "ok" &&
        (answer.data.items.length === 0 ? (
          <p class="dash-empty" data-testid="dash-runs-empty">
            No runs yet for this customer.
          </p>
        ) : (
          <table class="dash-table" data-testid="dash-runs-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Data sync</th>
                <th scope="col">Trigger</th>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
                <th scope="col">Totals</th>
                <th scope="col">
                  <span class="dash-sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {answer.data.items.map((run) => (
                <RunRow
                  key={run.id}
                  send={send}
                  customerId={customerId}
                  run={run}
                  pollMs={pollMs}
                  selected={run.id === changesOf}
                  onShowChanges={setChangesOf}
                />
              ))}
            </tbody>
          </table>
        ))}
      {changesOf && <RunChanges send={send} customerId={customerId} runId={changesOf} />}
    </section>
  );
}
