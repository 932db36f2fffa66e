/**
 * @module dashboard/useAnswer
 * One worker answer as component state: loading, the data, or the failure to show. Answers that arrive
 * after the inputs changed (another customer was selected) are dropped, so a slow answer never overwrites
 * a newer one.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { WorkerFailure, WorkerResult } from "../worker-api/client.ts";

export type Answer<T> =
  | { status: "loading" }
  | { status: "ok"; data: T }
  | { status: "error"; error: WorkerFailure };

export function toAnswer<T>(result: WorkerResult<T>): Answer<T> {
  return result.ok ? { status: "ok", data: result.data } : { status: "error", error: result.error };
}

/** Runs `load` now and whenever `deps` change; `reload` runs it again on demand (a Retry button). */
export function useAnswer<T>(
  load: () => Promise<WorkerResult<T>>,
  deps: readonly unknown[],
): [Answer<T>, () => void] {
  const [answer, setAnswer] = useState<Answer<T>>({ status: "loading" });
  const latest = useRef(0);
  // The caller names what `load` depends on, like a hook's own dependency list.
  const run = useCallback(() => {
    const ticket = ++latest.current;
    setAnswer({ status: "loading" });
    load().then((result) => {
      if (ticket === latest.current) setAnswer(toAnswer(result));
    });
  }, deps);
  useEffect(() => {
    run();
    return () => {
      latest.current++;
    };
  }, [run]);
  return [answer, run];
}
