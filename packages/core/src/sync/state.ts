/**
 * @module sync/state
 * A run's serialisable state: where it is (model, next page URL or parent offset) and what it has done.
 * A durable runner stores it after every chunk; resuming from it repeats at most one page of work.
 */
import type { ModelName } from "../models/catalog.ts";

export type SyncOptions = {
  quickImport: boolean;
  refreshExisting: boolean;
  allowAdd: boolean;
  allowUpdate: boolean;
  allowRemove: boolean;
};

export type ModelStatus = "pending" | "running" | "done" | "failed" | "awaiting_approval";

export type ModelProgress = {
  model: ModelName;
  status: ModelStatus;
  pages: number;
  items: number;
  /** Best estimate of the items this model will have: what is stored, or more once seen. */
  expected: number | null;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Rows a listing no longer showed but the licence check kept. */
  kept: number;
  /** Would be removed once approved (the deletion threshold was crossed). */
  pendingRemovals: number;
  errors: { message: string; trackingId?: string; status?: number; code?: string }[];
};

export type Cursor = {
  phase: "fetch" | "finalize";
  next: string | null;
  parentOffset: number;
  started: boolean;
};

export type RunState = {
  models: ModelName[];
  index: number;
  cursor: Cursor;
  options: SyncOptions;
  progress: ModelProgress[];
  requests: number;
  throttled: number;
  status: "running" | "succeeded" | "completed_with_errors" | "failed" | "awaiting_approval";
  /** Models whose removals an administrator approved. */
  approvedRemovals: ModelName[];
};

const freshCursor = (): Cursor => ({ phase: "fetch", next: null, parentOffset: 0, started: false });

export function initialRunState(models: ModelName[], options: SyncOptions): RunState {
  return {
    models,
    index: 0,
    cursor: freshCursor(),
    options,
    progress: models.map((model) => ({
      model,
      status: "pending",
      pages: 0,
      items: 0,
      expected: null,
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 0,
      kept: 0,
      pendingRemovals: 0,
      errors: [],
    })),
    requests: 0,
    throttled: 0,
    status: "running",
    approvedRemovals: [],
  };
}

/** After approval: revisit only the models that were waiting, to remove what they would remove. */
export function approveRemovals(state: RunState, models: ModelName[]): RunState {
  const waiting = state.progress.filter((p) => p.status === "awaiting_approval" && models.includes(p.model));
  if (waiting.length === 0) return state;
  const first = state.models.indexOf(waiting[0]!.model);
  return {
    ...state,
    approvedRemovals: [...new Set([...state.approvedRemovals, ...waiting.map((p) => p.model)])],
    index: first,
    cursor: { ...freshCursor(), phase: "finalize", started: true },
    status: "running",
  };
}

export function nextModel(state: RunState): void {
  state.index++;
  state.cursor = freshCursor();
}

export function overallProgress(state: RunState): number {
  const done = state.progress.filter((p) => p.status !== "pending" && p.status !== "running").length;
  return state.models.length === 0 ? 100 : Math.round((done / state.models.length) * 100);
}

/** Once every model is through: the run's overall status. */
export function settleStatus(state: RunState): void {
  const statuses = state.progress.map((p) => p.status);
  state.status = statuses.includes("awaiting_approval")
    ? "awaiting_approval"
    : statuses.every((s) => s === "failed")
      ? "failed"
      : statuses.includes("failed")
        ? "completed_with_errors"
        : "succeeded";
}
