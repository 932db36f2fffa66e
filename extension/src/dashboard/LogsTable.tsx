/**
 * @module dashboard/LogsTable
 * Log entries as a table: what happened, when, and what Webex answered (with the tracking id to quote).
 */
import type { LogEntry } from "../worker-api/schemas.ts";
import { time, words } from "./format.ts";

export function LogsTable({ entries }: { entries: LogEntry[] }) {
  if (entries.length === 0)
    return (
      <p class="dash-empty" data-testid="dash-logs-empty">
        No log entries match.
      </p>
    );
  return (
    <table class="dash-table dash-logs-table" data-testid="dash-logs-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Level</th>
          <th scope="col">Kind</th>
          <th scope="col">Message</th>
          <th scope="col">Model</th>
          <th scope="col">Webex status / code</th>
          <th scope="col">Tracking id</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.id}
            data-testid="dash-log-row"
            data-level={entry.level}
            class={`dash-level-${entry.level}`}
          >
            <td>
              <time dateTime={entry.at}>{time(entry.at)}</time>
            </td>
            <td>{entry.level}</td>
            <td>{words(entry.kind)}</td>
            <td class="dash-message">{entry.message}</td>
            <td>{entry.model ?? "—"}</td>
            <td>
              {[entry.webexStatus, entry.webexErrorCode].filter((v) => v !== null && v !== "").join(" / ") ||
                "—"}
            </td>
            <td>{entry.webexTrackingId ? <code>{entry.webexTrackingId}</code> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
