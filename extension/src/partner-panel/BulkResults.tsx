/**
 * @module partner-panel/BulkResults
 * What "Enable/Disable directory sync" did to each selected enterprise, failures first with Webex's reason.
 */
import type { Protocol } from "../messaging/protocol.ts";

export type BulkOutcome = {
  enabled: boolean;
  results: Extract<Protocol["bw.bulk"]["response"], { ok: true }>["data"]["results"];
};

export function BulkResults({
  outcome,
  names,
}: {
  outcome: BulkOutcome;
  names: ReadonlyMap<string, string>;
}) {
  const sorted = [...outcome.results].sort((a, b) => Number(a.ok) - Number(b.ok));
  const verb = outcome.enabled ? "enabled" : "disabled";
  const failed = sorted.filter((r) => !r.ok).length;
  return (
    <section
      class="wxsync-partner-results"
      aria-label="Directory sync changes"
      data-testid="wxsync-partner-bulk-results"
    >
      <p role="status">
        Directory sync {verb} for {sorted.length - failed} of {sorted.length}
        {failed > 0 && `; ${failed} failed`}.
      </p>
      <ul>
        {sorted.map((r) => (
          <li
            key={r.enterpriseId}
            class={r.ok ? "wxsync-partner-ok" : "wxsync-partner-error"}
            data-testid="wxsync-partner-bulk-result"
            data-ok={r.ok ? "true" : "false"}
          >
            {names.get(r.enterpriseId) ?? r.enterpriseId}: {r.ok ? verb : (r.message ?? "failed")}
          </li>
        ))}
      </ul>
    </section>
  );
}
