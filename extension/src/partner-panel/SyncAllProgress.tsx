/**
 * @module partner-panel/SyncAllProgress
 * A "Sync all selected" job as it runs (a progress bar, the enterprise syncing on each cluster) and, once it
 * has ended, its summary with every failure's message.
 */
import type { BwJob } from "../worker-api/schemas.ts";

type Cluster = { name: string; running: string | null; waiting: number };

/** The job's per-cluster view; the extension's job type does not name it yet, so it is read with care. */
function clustersOf(job: BwJob): Cluster[] {
  const raw = job.clusters;
  if (typeof raw !== "object" || raw === null) return [];
  return Object.entries(raw).map(([name, value]) => {
    const c = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
    return {
      name,
      running: typeof c.running === "string" ? c.running : null,
      waiting: typeof c.waiting === "number" ? c.waiting : 0,
    };
  });
}

const ENDINGS: Record<string, string> = {
  succeeded: "Sync all finished",
  completed_with_errors: "Sync all finished with errors",
  failed: "Sync all failed",
};

export function SyncAllProgress({ job, pollError }: { job: BwJob; pollError: string | null }) {
  const { total, done, failed } = job.progress;
  const finished = done + failed;
  const running = job.status === "running";
  const failures = job.items.filter((i) => i.state === "failed");
  return (
    <section class="wxsync-partner-job" aria-label="Sync all selected" data-testid="wxsync-partner-job">
      <progress
        max={total}
        value={finished}
        aria-valuenow={finished}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-label="Enterprises synced"
        data-testid="wxsync-partner-job-progress"
      />
      <p data-testid="wxsync-partner-job-counts">
        {done} done, {failed} failed, {total} in all
      </p>
      {running ? (
        <ul data-testid="wxsync-partner-job-clusters">
          {clustersOf(job).map((c) => (
            <li key={c.name}>
              {c.name}: {c.running ? `syncing ${c.running}` : "idle"}
              {c.waiting > 0 && `, ${c.waiting} waiting`}
            </li>
          ))}
        </ul>
      ) : (
        <div role="status" data-testid="wxsync-partner-job-summary">
          <p class={job.status === "succeeded" ? "wxsync-partner-ok" : "wxsync-partner-error"}>
            {ENDINGS[job.status] ?? `Sync all ended: ${job.status}`}: {done} of {total} synced, {failed}{" "}
            failed.
          </p>
          {failures.length > 0 && (
            <ul>
              {failures.map((i) => (
                <li key={i.enterpriseId} class="wxsync-partner-error">
                  {i.spEnterpriseId}: {i.message ?? "failed"}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {pollError && (
        <p class="wxsync-partner-error" role="alert">
          Could not read the job's progress ({pollError}); trying again.
        </p>
      )}
    </section>
  );
}
