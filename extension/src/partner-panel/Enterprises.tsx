/**
 * @module partner-panel/Enterprises
 * One partner's BroadWorks enterprises and what an operator does to them: refresh from Webex, enable or
 * disable directory sync in bulk, Sync now per row, "Sync all selected" as a polled job, and a CSV export.
 */
import { useEffect, useState } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import { saveCsv } from "../page/download.ts";
import type { BwJob } from "../worker-api/schemas.ts";
import { type BulkOutcome, BulkResults } from "./BulkResults.tsx";
import { EnterpriseTable, type RowMessage } from "./EnterpriseTable.tsx";
import { SyncAllProgress } from "./SyncAllProgress.tsx";
import { ask, type Send } from "./send.ts";
import { useResult } from "./useResult.ts";

type Props = { send: Send; partnerId: string; pollMs: number; blocked: string | null };
type Notice = { tone: "ok" | "error"; text: string };

export function Enterprises({ send, partnerId, pollMs, blocked: why }: Props) {
  const gate = useGate();
  // A viewer key, or a panel the user cannot see whole: the writing actions wait.
  const blocked = why ?? gate.blocked;
  const [enterprises, reload] = useResult(() => ask(send, "bw.enterprises", { partnerId }), partnerId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [messages, setMessages] = useState<Readonly<Record<string, RowMessage>>>({});
  const [syncing, setSyncing] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [bulk, setBulk] = useState<BulkOutcome | null>(null);
  const [job, setJob] = useState<BwJob | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [pollRound, setPollRound] = useState(0);

  // Another partner: nothing of the last one's selection, answers or job applies.
  useEffect(() => {
    setSelected(new Set());
    setMessages({});
    setNotice(null);
    setBulk(null);
    setJob(null);
    setPollError(null);
  }, [partnerId]);

  // Polls a running job every pollMs (again after each answer); a failed poll is said and retried, since the
  // job itself goes on in the worker.
  useEffect(() => {
    if (job?.status !== "running") return;
    let alive = true;
    const timer = setTimeout(async () => {
      const answer = await ask(send, "bw.job", { partnerId, jobId: job.id });
      if (!alive) return;
      if (!answer.ok) {
        setPollError(answer.error.message);
        setPollRound((r) => r + 1);
        return;
      }
      setPollError(null);
      setJob(answer.data);
      if (answer.data.status !== "running") reload();
    }, pollMs);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [job, pollRound]);

  if (enterprises.state === "loading")
    return (
      <p class="wxsync-partner-status" data-testid="wxsync-partner-enterprises-loading">
        Loading BroadWorks enterprises…
      </p>
    );
  if (enterprises.state === "error")
    return (
      <p class="wxsync-partner-error" role="alert" data-testid="wxsync-partner-enterprises-error">
        {enterprises.message}
      </p>
    );

  const rows = enterprises.data.items;
  const names = new Map(rows.map((e) => [e.id, e.spEnterpriseId]));
  // Only enterprises still listed count: a refresh may have dropped some.
  const chosen = rows.filter((e) => selected.has(e.id)).map((e) => e.id);
  const jobRunning = job?.status === "running";

  const select = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const selectAll = (on: boolean) => setSelected(on ? new Set(rows.map((e) => e.id)) : new Set());

  /** Runs one toolbar action at a time, so a double click cannot send it twice. */
  const runAction = async (name: string, action: () => Promise<void>) => {
    if (busy) return;
    setBusy(name);
    setNotice(null);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };

  const refresh = () =>
    runAction("refresh", async () => {
      const answer = await ask(send, "bw.refresh", { partnerId });
      if (!answer.ok) return setNotice({ tone: "error", text: answer.error.message });
      setNotice({ tone: "ok", text: `Refreshed ${answer.data.enterprises} enterprises from Webex.` });
      reload();
    });

  const setDirectorySync = (enabled: boolean) =>
    runAction(enabled ? "enable" : "disable", async () => {
      setBulk(null);
      const answer = await ask(send, "bw.bulk", { partnerId, enterpriseIds: chosen, enabled });
      if (!answer.ok) return setNotice({ tone: "error", text: answer.error.message });
      setBulk({ enabled, results: answer.data.results });
      reload();
    });

  const syncAll = () =>
    runAction("sync-all", async () => {
      setPollError(null);
      const answer = await ask(send, "bw.jobStart", { partnerId, enterpriseIds: chosen });
      if (!answer.ok) return setNotice({ tone: "error", text: answer.error.message });
      setJob(answer.data);
      if (answer.data.status !== "running") reload();
    });

  const exportCsv = () =>
    runAction("export", async () => {
      const ids = chosen.map(encodeURIComponent).join(",");
      const base = `/api/v1/partners/${encodeURIComponent(partnerId)}/broadworks`;
      const path = `${base}/last-sync.csv?enterpriseIds=${ids}`;
      const answer = await ask(send, "csv.get", { path });
      if (!answer.ok) return setNotice({ tone: "error", text: answer.error.message });
      const saved = await saveCsv(answer.data);
      setNotice(
        saved.ok
          ? { tone: "ok", text: `Downloaded ${saved.fileName}.` }
          : { tone: "error", text: saved.message },
      );
    });

  const syncNow = async (id: string) => {
    setSyncing((s) => new Set(s).add(id));
    const answer = await ask(send, "bw.syncNow", { partnerId, enterpriseId: id });
    setSyncing((s) => {
      const next = new Set(s);
      next.delete(id);
      return next;
    });
    setMessages((m) => ({
      ...m,
      [id]: answer.ok
        ? { tone: "ok", text: `Sync now sent; Webex says ${answer.data.syncStatus ?? "nothing yet"}.` }
        : { tone: "error", text: answer.error.message },
    }));
    if (answer.ok) reload();
  };

  const none = chosen.length === 0;
  const operatorTitle = (what: string) => blocked ?? (none ? "Select enterprises first" : what);
  return (
    <>
      <div class="wxsync-partner-toolbar" role="toolbar" aria-label="BroadWorks actions">
        <span data-testid="wxsync-partner-selected-count">
          {chosen.length} of {rows.length} selected
        </span>
        <button
          type="button"
          disabled={blocked !== null || none || busy !== null}
          title={operatorTitle("Turn directory sync on for the selected enterprises")}
          onClick={gate.write(() => setDirectorySync(true))}
          data-testid="wxsync-partner-enable"
        >
          Enable directory sync
        </button>
        <button
          type="button"
          disabled={blocked !== null || none || busy !== null}
          title={operatorTitle("Turn directory sync off for the selected enterprises")}
          onClick={gate.write(() => setDirectorySync(false))}
          data-testid="wxsync-partner-disable"
        >
          Disable directory sync
        </button>
        <button
          type="button"
          disabled={blocked !== null || none || busy !== null || jobRunning}
          title={operatorTitle("Sync every selected enterprise, one at a time per cluster")}
          onClick={gate.write(syncAll)}
          data-testid="wxsync-partner-sync-all"
        >
          Sync all selected
        </button>
        <button
          type="button"
          disabled={none || busy !== null}
          title={none ? "Select enterprises first" : "The last sync of the selected enterprises, as CSV"}
          onClick={gate.read(exportCsv)}
          data-testid="wxsync-partner-export"
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={blocked !== null || busy !== null}
          title={blocked ?? "Read every enterprise's directory sync state from Webex again"}
          onClick={gate.write(refresh)}
          data-testid="wxsync-partner-refresh"
        >
          {busy === "refresh" ? "Refreshing…" : "Refresh from Webex"}
        </button>
      </div>
      {blocked && (
        <p class="wxsync-partner-warn" data-testid="wxsync-partner-blocked">
          {blocked}
        </p>
      )}
      {notice && (
        <p
          class={notice.tone === "error" ? "wxsync-partner-error" : "wxsync-partner-ok"}
          role={notice.tone === "error" ? "alert" : "status"}
          data-testid="wxsync-partner-notice"
        >
          {notice.text}
        </p>
      )}
      {bulk && <BulkResults outcome={bulk} names={names} />}
      {job && <SyncAllProgress job={job} pollError={pollError} />}
      {rows.length === 0 ? (
        <p class="wxsync-partner-status" data-testid="wxsync-partner-enterprises-empty">
          No BroadWorks enterprise known for this partner: use "Refresh from Webex".
        </p>
      ) : (
        <EnterpriseTable
          enterprises={rows}
          selected={selected}
          onSelect={select}
          onSelectAll={selectAll}
          messages={messages}
          syncing={syncing}
          onSyncNow={syncNow}
          blocked={blocked}
        />
      )}
    </>
  );
}
