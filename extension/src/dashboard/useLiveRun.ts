/**
 * @module dashboard/useLiveRun
 * A run kept current while it is queued or running: asked for again every `pollMs`, and no more once it
 * has ended. A failed poll is reported but polling goes on, since the run itself is still going.
 */
import { useEffect, useState } from "preact/hooks";
import type { Run } from "../worker-api/schemas.ts";
import { ask, type Send } from "./ask.ts";
import { isActive } from "./format.ts";

export function useLiveRun(send: Send, customerId: string, initial: Run, pollMs: number) {
  const [run, setRun] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  // The runs list was loaded again: start from its newer copy.
  useEffect(() => setRun(initial), [initial]);
  // A poll's timer depends on the last answer (the run object), so each answer schedules at most one more.
  useEffect(() => {
    if (!isActive(run)) return;
    let alive = true;
    const timer = setTimeout(async () => {
      const next = await ask(send, "run.get", { customerId, runId: run.id });
      if (!alive) return;
      if (next.ok) {
        setProblem(null);
        setRun(next.data);
      } else {
        setProblem(next.error.message);
        // A new object with the same content schedules the next try.
        setRun((current) => ({ ...current }));
      }
    }, pollMs);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [run, send, customerId, pollMs]);
  return { run, problem };
}
