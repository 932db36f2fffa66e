/**
 * @module dashboard/RunChanges
 * What one run changed: each object added, updated or removed, with its fields before and after.
 */
import { ask, type Send } from "./ask.ts";
import { CsvButton } from "./CsvButton.tsx";
import { shown, words } from "./format.ts";
import { Pending } from "./Status.tsx";
import { useAnswer } from "./useAnswer.ts";

export type RunChangesProps = { send: Send; customerId: string; runId: string };

const enc = encodeURIComponent;

export function RunChanges({ send, customerId, runId }: RunChangesProps) {
  const [answer, reload] = useAnswer(
    () => ask(send, "run.changes", { customerId, runId }),
    [send, customerId, runId],
  );
  return (
    <section class="dash-changes" data-testid="dash-run-changes" aria-labelledby="dash-changes-title">
      <header class="dash-section-head">
        <h3 id="dash-changes-title">What the run changed</h3>
        <CsvButton
          send={send}
          path={`/api/v1/customers/${enc(customerId)}/runs/${enc(runId)}/changes.csv`}
          label="Changes CSV"
          testid="dash-changes-csv"
        />
      </header>
      <Pending answer={answer} what="the changes" onRetry={reload} />
      {answer.status === "ok" &&
        (answer.data.items.length === 0 ? (
          <p class="dash-empty">This run changed nothing.</p>
        ) : (
          <table class="dash-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Object</th>
                <th scope="col">Change</th>
                <th scope="col">Fields (before → after)</th>
              </tr>
            </thead>
            <tbody>
              {answer.data.items.map((change) => (
                <tr
                  key={`${change.model}:${change.itemId}:${change.at}`}
                  data-testid="dash-change-row"
                  data-kind={change.kind}
                >
                  <td>{change.model}</td>
                  <th scope="row">{change.label ?? change.itemId}</th>
                  <td class={`dash-kind-${change.kind}`}>{words(change.kind)}</td>
                  <td>
                    <ul class="dash-fields">
                      {change.fields.map((f) => (
                        <li key={f.path}>
                          <code>{f.path}</code>: {shown(f.before)} → {shown(f.after)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {answer.status === "ok" && answer.data.nextCursor && (
        <p class="dash-note">Only the first changes are shown: the CSV has them all.</p>
      )}
    </section>
  );
}
