/**
 * @module sync/run-view
 * A run as the API shows it: its status, totals, duration and progress per model (a percent for each bar).
 */
import { z } from "@hono/zod-openapi";
import type { RunState } from "@wxsync/core/sync";
import { RUN_STATUSES, RUN_TRIGGERS, type SyncRunRow } from "./schema.ts";

const ModelProgressSchema = z
  .object({
    model: z.string(),
    status: z.enum(["pending", "running", "done", "failed", "awaiting_approval"]),
    pages: z.number(),
    items: z.number(),
    expected: z.number().nullable(),
    percent: z.number().openapi({ description: "0-100, for a progress bar." }),
    added: z.number(),
    updated: z.number(),
    removed: z.number(),
    unchanged: z.number(),
    kept: z
      .number()
      .openapi({ description: "Kept by the licence check although Webex no longer listed them." }),
    pendingRemovals: z.number(),
    errors: z.array(
      z.object({ message: z.string(), trackingId: z.string().optional(), status: z.number().optional() }),
    ),
  })
  .openapi("ModelProgress");

export const RunSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    dataSyncId: z.string().nullable(),
    dataSyncName: z.string().nullable(),
    trigger: z.enum(RUN_TRIGGERS),
    status: z.enum(RUN_STATUSES),
    progress: z.number(),
    requests: z.number(),
    throttled: z.number().openapi({ description: "429 answers received from Webex." }),
    totals: z.object({ added: z.number(), updated: z.number(), removed: z.number(), unchanged: z.number() }),
    durationMs: z.number().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    error: z.string().nullable(),
    models: z.array(ModelProgressSchema),
  })
  .openapi("Run");

export function viewRun(row: SyncRunRow, now: Date): z.infer<typeof RunSchema> {
  const state = JSON.parse(row.state) as RunState;
  const models = state.progress.map((p) => {
    const finished = p.status === "done" || p.status === "failed" || p.status === "awaiting_approval";
    const percent = finished
      ? 100
      : p.status === "pending"
        ? 0
        : p.expected
          ? Math.min(99, Math.round((p.items / p.expected) * 100))
          : 50;
    return { ...p, percent };
  });
  const totals = models.reduce(
    (t, p) => ({
      added: t.added + p.added,
      updated: t.updated + p.updated,
      removed: t.removed + p.removed,
      unchanged: t.unchanged + p.unchanged,
    }),
    { added: 0, updated: 0, removed: 0, unchanged: 0 },
  );
  const start = row.startedAt ? Date.parse(row.startedAt) : null;
  const end = row.endedAt ? Date.parse(row.endedAt) : start ? now.getTime() : null;
  const { state: _state, transactionId: _tx, updatedAt: _u, checkpoint: _c, ...rest } = row;
  return { ...rest, totals, durationMs: start && end ? end - start : null, models };
}
