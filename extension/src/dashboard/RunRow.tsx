/**
 * @module dashboard/RunRow
 * One run in the runs table; while it runs, a second row under it shows a progress bar per model.
 */
import type { Run } from "../worker-api/schemas.ts";
import type { Send } from "./ask.ts";
import { isActive, time, totals, words } from "./format.ts";
import { useLiveRun } from "./useLiveRun.ts";

export type RunRowProps = {
  send: Send;
  customerId: string;
  run: Run;
  pollMs: number;
  selected: boolean;
  onShowChanges: (runId: string) => void;
};

export function RunRow({ send, customerId, run: initial, pollMs, selected, onShowChanges }: RunRowProps) {
  const { run, problem } = useLiveRun(send, customerId, initial, pollMs);
  const active = isActive(run);
  const name = run.dataSyncName ?? "Sync";
  return (
    <>
      <tr
        data-testid="dash-run-row"
        data-run-id={run.id}
        data-status={run.status}
        class={`dash-run-${run.status}${selected ? " dash-selected" : ""}`}
      >
        <td data-testid="dash-run-status">
          {words(run.status)}
          {active && ` · ${run.progress}%`}
        </td>
        <th scope="row">{name}</th>
        <td>{words(run.trigger)}</td>
        <td>
          <time dateTime={run.startedAt ?? run.createdAt}>{time(run.startedAt ?? run.createdAt)}</time>
        </td>
        <td>{run.endedAt ? <time dateTime={run.endedAt}>{time(run.endedAt)}</time> : "—"}</td>
        <td data-testid="dash-run-totals" title="added, updated, removed">
          {totals(run)}
        </td>
        <td>
          <button
            type="button"
            data-testid="dash-run-changes-button"
            aria-pressed={selected}
            aria-label={`Show what ${name} changed`}
            onClick={() => onShowChanges(run.id)}
          >
            Changes
          </button>
        </td>
      </tr>
      {(active || run.error || problem) && (
        <tr class="dash-run-detail" data-testid="dash-run-detail">
          <td colSpan={7}>
            {active && (
              <ul class="dash-models" data-testid="dash-run-models">
                {run.models.map((m) => (
                  <li key={m.model}>
                    <span class="dash-model-name">{m.model}</span>
                    <progress
                      data-testid="dash-model-progress"
                      data-model={m.model}
                      max={100}
                      value={m.percent}
                      aria-label={`${m.model}: ${m.percent}%`}
                    />
                    <span class="dash-model-percent">{m.percent}%</span>
                  </li>
                ))}
              </ul>
            )}
            {run.error && <p class="dash-error-text">{run.error}</p>}
            {problem && (
              <p class="dash-error-text" role="alert" data-testid="dash-run-poll-problem">
                {problem}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
