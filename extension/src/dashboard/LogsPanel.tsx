/**
 * @module dashboard/LogsPanel
 * The worker's log, filtered, newest first, one page at a time ("More" follows the API's cursor).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { WorkerFailure } from "../worker-api/client.ts";
import type { Customer, LogEntry } from "../worker-api/schemas.ts";
import { ask, type Send } from "./ask.ts";
import { CsvButton } from "./CsvButton.tsx";
import { LogsFilter } from "./LogsFilter.tsx";
import { LogsTable } from "./LogsTable.tsx";
import { emptyFilters, type LogFilters, logsCsvPath, toQuery } from "./logQuery.ts";
import { Failure } from "./Status.tsx";

type Shown = { query: Record<string, string>; entries: LogEntry[]; nextCursor: string | null };

export function LogsPanel({ send, customers }: { send: Send; customers: Customer[] }) {
  const [shown, setShown] = useState<Shown>({
    query: toQuery(emptyFilters()),
    entries: [],
    nextCursor: null,
  });
  const [busy, setBusy] = useState<"first" | "more" | null>("first");
  const [error, setError] = useState<{ failure: WorkerFailure; retry: () => void } | null>(null);
  const latest = useRef(0);

  /** Loads a page; the first page of new filters replaces the list, "More" adds to it. */
  const load = async (query: Record<string, string>, cursor: string | null) => {
    const ticket = ++latest.current;
    setBusy(cursor ? "more" : "first");
    setError(null);
    const answer = await ask(send, "logs.list", { query: cursor ? { ...query, cursor } : query });
    if (ticket !== latest.current) return;
    setBusy(null);
    if (!answer.ok) {
      // A failed first page must not leave the entries of other filters on show.
      if (!cursor) setShown({ query, entries: [], nextCursor: null });
      return setError({ failure: answer.error, retry: () => load(query, cursor) });
    }
    setShown((current) => ({
      query,
      entries: cursor ? [...current.entries, ...answer.data.items] : answer.data.items,
      nextCursor: answer.data.nextCursor,
    }));
  };
  // The newest entries once, on opening; after that the filters decide.
  useEffect(() => {
    load(shown.query, null);
  }, [send]);

  const apply = (filters: LogFilters) => load(toQuery(filters), null);

  return (
    <section class="dash-card" data-testid="dash-logs" aria-labelledby="dash-logs-title">
      <header class="dash-section-head">
        <h2 id="dash-logs-title">Logs</h2>
        <CsvButton send={send} path={logsCsvPath(shown.query)} label="Logs CSV" testid="dash-logs-csv" />
      </header>
      <LogsFilter customers={customers} onApply={apply} />
      {busy === "first" && (
        <p class="dash-loading" role="status" data-testid="dash-loading">
          Loading the logs…
        </p>
      )}
      {busy !== "first" && !(error && shown.entries.length === 0) && <LogsTable entries={shown.entries} />}
      {error && <Failure error={error.failure} onRetry={error.retry} />}
      {shown.nextCursor && busy !== "first" && (
        <button
          type="button"
          class="dash-more"
          data-testid="dash-logs-more"
          disabled={busy === "more"}
          onClick={() => load(shown.query, shown.nextCursor)}
        >
          {busy === "more" ? "Loading…" : "More"}
        </button>
      )}
    </section>
  );
}
