import { useEffect, useState } from "preact/hooks";
import type { send as Send } from "../messaging/send.ts";
import type { Run } from "../worker-api/schemas.ts";
import { isActive, totalsLine } from "./format.ts";

export type RunProgressProps = {
  send: typeof Send;
  customerId: string;
  run: Run;
  pollMs: number;
  /** Called once when the run stops, with its final state. */
  onEnd?: (run: Run) => void;
};

/** A run as it goes: a bar per model, refreshed until the run ends, then what it changed. */
export function RunProgress({ send, customerId, run: initial, pollMs, onEnd }: RunProgressProps) {
  const [run, setRun] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!isActive(run)) return;
    const timer = setTimeout(async () => {
      const next = await send("run.get", { customerId, runId: run.id });
      if (!next.ok) return setProblem(next.error.message);
      setProblem(null);
      setRun(next.data);
      if (!isActive(next.data)) onEnd?.(next.data);
    }, pollMs);
    return () => clearTimeout(timer);
  }, [run, send, customerId, pollMs, onEnd]);

  const active = isActive(run);
  return (
    <div class="wxsync-run" data-testid="wxsync-run" data-status={run.status}>
      <p>
        <strong>{run.dataSyncName ?? "Sync"}</strong> · {run.status.replaceAll("_", " ")} · {run.progress}%
      </p>
      <progress
        data-testid="wxsync-run-progress"
        max={100}
        value={run.progress}
        aria-label="Overall progress"
      />
      {active && (
        <ul class="wxsync-models">
          {run.models.map((m) => (
            <li key={m.model}>
              <span>{m.model}</span>
              <progress
                data-testid="wxsync-model-progress"
                data-model={m.model}
                max={100}
                value={m.percent}
                aria-label={`${m.model}: ${m.percent}%`}
              />
            </li>
          ))}
        </ul>
      )}
      {!active && (
        <p data-testid="wxsync-run-summary">
          {totalsLine(run)}
          {run.error ? ` · ${run.error}` : ""}
        </p>
      )}
      {problem && <p class="wxsync-warning">{problem}</p>}
    </div>
  );
}
