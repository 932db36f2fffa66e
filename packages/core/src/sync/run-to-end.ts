/**
 * @module sync/run-to-end
 * Runs chunk after chunk in one process (tests, benchmarks, tools); the worker checkpoints between chunks instead.
 */
import { type EngineDeps, runChunk } from "./engine.ts";
import type { RunState } from "./state.ts";

export async function runToEnd(
  state: RunState,
  deps: EngineDeps,
  onChunk?: (state: RunState) => void,
): Promise<RunState> {
  let current = state;
  while (current.status === "running") {
    current = await runChunk(current, deps);
    onChunk?.(current);
  }
  return current;
}
