/**
 * @module partner-panel/useResult
 * One worker answer as panel state: loading, failed (with the worker's message) or ready, and a reload that
 * keeps the last data on screen until the new answer arrives, so a table does not blink after each action.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { WorkerFailure, WorkerResult } from "../worker-api/client.ts";

export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; data: T };

type Answer<T> = WorkerResult<T> | { ok: false; error: WorkerFailure };

/** `load` runs again whenever `key` changes (a new partner, say) and on `reload()`. */
export function useResult<T>(load: () => Promise<Answer<T>>, key: string) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [round, setRound] = useState(0);

  // A new key means different data: show loading rather than another partner's table.
  useEffect(() => setLoaded({ state: "loading" }), [key]);

  // Not keyed on `load`, a new closure every render: `key` and `round` say when to call it again.
  useEffect(() => {
    let alive = true;
    load().then((answer) => {
      if (!alive) return;
      setLoaded(
        answer.ok ? { state: "ready", data: answer.data } : { state: "error", message: answer.error.message },
      );
    });
    return () => {
      alive = false;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [loaded, reload] as const;
}
