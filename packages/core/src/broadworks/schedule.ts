/**
 * @module broadworks/schedule
 * When Webex should next sync a BroadWorks enterprise's directory, and whether it is late. Webex publishes no
 * schedule, only its rules: a sync every week, each one a week after the previous sync (scheduled or manual);
 * the first a week after enabling, at a random time; and after a failure, a retry every 24 hours until the next
 * weekly sync. From those and the last sync's status this works out what an administrator should expect.
 */
import type { DirectorySyncStatus } from "./schemas.ts";

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const RETRY_MS = 24 * HOUR_MS;
/** How late a sync may be before it counts as overdue: Webex picks the exact time itself. */
export const SYNC_GRACE_HOURS = 6;

export type SyncSchedule = {
  nextExpectedSyncAt: string | null;
  retryAt: string | null;
  overdue: boolean;
  note: string;
};

/** A Webex time (often with microseconds) as epoch ms; absent or unreadable is null. */
function ms(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
/** Minutes are enough for a person reading when to expect a sync. */
const show = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function isFailedSync(status: DirectorySyncStatus | null): boolean {
  if (!status) return false;
  return status.syncStatus?.toUpperCase() === "FAILED" || (status.errors?.length ?? 0) > 0;
}

export function syncSchedule(
  input: { enabled: boolean; status: DirectorySyncStatus | null; enabledAt?: string | null },
  now: Date,
): SyncSchedule {
  if (!input.enabled) {
    return {
      nextExpectedSyncAt: null,
      retryAt: null,
      overdue: false,
      note: "Directory sync is off for this enterprise, so Webex will not sync it.",
    };
  }
  const status = input.status;
  const lastStart = ms(status?.lastSyncStartTime);
  const lastEnd = ms(status?.lastSyncEndTime);
  const lastSync = lastStart ?? lastEnd;
  const enabledAt = ms(input.enabledAt);
  const next = lastSync !== null ? lastSync + WEEK_MS : enabledAt !== null ? enabledAt + WEEK_MS : null;

  if (status?.syncStatus?.toUpperCase() === "IN_PROGRESS") {
    return {
      nextExpectedSyncAt: iso(next),
      retryAt: null,
      overdue: false,
      note:
        next === null
          ? "A sync is running now."
          : `A sync is running now; the next weekly sync is due around ${show(next)}.`,
    };
  }

  const failedAt = isFailedSync(status) ? (lastEnd ?? lastStart) : null;
  const retry = failedAt !== null ? failedAt + RETRY_MS : null;
  // Webex stops retrying once the weekly sync is due: that sync takes over.
  const retryAt = retry !== null && (next === null || retry < next) ? retry : null;
  const expected = retryAt ?? next;
  const overdue = expected !== null && now.getTime() > expected + SYNC_GRACE_HOURS * HOUR_MS;

  return { nextExpectedSyncAt: iso(next), retryAt: iso(retryAt), overdue, note: note() };

  function note(): string {
    if (expected === null) {
      return "No sync yet: Webex runs the first one at a random time about a week after directory sync is enabled, and wxsync does not know when that was.";
    }
    if (overdue) {
      const what = retryAt !== null ? "retry the failed sync" : "sync";
      return `Webex should have tried to ${what} by ${show(expected)} (${SYNC_GRACE_HOURS} hours' grace included) but has not; use Sync now or check the enterprise in Partner Hub.`;
    }
    if (retryAt !== null) {
      return `The last sync failed; Webex retries 24 hours after a failure, so expect a retry around ${show(retryAt)}.`;
    }
    if (lastSync === null) {
      return `No sync yet: Webex runs the first one at a random time about a week after enabling, around ${show(expected)}.`;
    }
    return `The next weekly sync is due around ${show(expected)}, a week after the last one.`;
  }
}
