/**
 * @module sync/removal
 * Removing what a complete listing no longer shows, within the safety rules: nothing in Quick Import or when the
 * data sync may not remove; VOSS's licence check keeps a device or number whose owner still holds a calling
 * licence; and a removal larger than max(50, 20 %) of the model waits for an administrator's approval.
 */
import type { ModelName } from "../models/catalog.ts";
import { withOwners } from "./owners.ts";
import type { PlanContext } from "./specs/index.ts";
import type { ModelProgress, RunState } from "./state.ts";
import type { StoredRow, SyncStore } from "./store.ts";

/** At most this many rows may go without approval: max(50, 20 % of what is stored). */
export function removalNeedsApproval(removing: number, stored: number): boolean {
  return removing > Math.max(50, Math.floor(stored * 0.2));
}

export async function removeUnlisted({
  store,
  state,
  progress,
  model,
  ctx,
}: {
  store: SyncStore;
  state: RunState;
  progress: ModelProgress;
  model: ModelName;
  ctx: PlanContext;
}): Promise<void> {
  if (state.options.quickImport || !state.options.allowRemove) return;
  const unseen = await store.unseen(model);
  if (unseen.length === 0) return;
  let removable: StoredRow[] = unseen;
  if (model === "Device" || model === "Number") {
    // A listing that momentarily misses a working phone or a user's number must not delete it.
    const owners = await withOwners(
      store,
      ctx,
      model,
      unseen.map((row) => row.payload),
    );
    removable = unseen.filter((_, i) => owners[i]!.callingLicensed !== true);
    progress.kept += unseen.length - removable.length;
  }
  if (removable.length === 0) return;
  if (
    removalNeedsApproval(removable.length, await store.count(model)) &&
    !state.approvedRemovals.includes(model)
  ) {
    progress.pendingRemovals = removable.length;
    progress.status = "awaiting_approval";
    return;
  }
  await store.recordChanges(
    removable.map((row) => ({
      model,
      itemId: row.id,
      label: row.label,
      kind: "removed" as const,
      fields: [],
    })),
  );
  await store.remove(
    model,
    removable.map((row) => row.id),
  );
  progress.removed += removable.length;
  progress.pendingRemovals = 0;
}
