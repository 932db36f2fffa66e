/**
 * @module control-panel/PartnerDevices
 * On Control Hub's devices page: the partner-managed device tools. Sync their details (SyncSparkDevices<Name>),
 * rotate every partner-managed device's SIP password as one job with its progress, and export the devices with
 * their SIP details or the whole hierarchy. Passwords are never shown here: an admin reveals one through the API.
 */
import { useEffect, useState } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import type { send as Send } from "../messaging/send.ts";
import { saveCsv } from "../page/download.ts";
import type { SipRotation } from "../worker-api/schemas.ts";

export type PartnerDevicesProps = {
  send: typeof Send;
  customerId: string;
  /** Why the operator actions are off (a viewer key, a sync running), or null. */
  blocked: string | null;
  onSync: () => void;
  pollMs: number;
};

export function PartnerDevices({ send, customerId, blocked: why, onSync, pollMs }: PartnerDevicesProps) {
  const gate = useGate();
  const blocked = why ?? gate.blocked;
  const [confirming, setConfirming] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [job, setJob] = useState<SipRotation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // Bumped by a failed poll, so polling goes on after a hiccup instead of stopping for good.
  const [retry, setRetry] = useState(0);
  const running = job?.status === "running";

  useEffect(() => {
    if (job?.status !== "running") return;
    const timer = setTimeout(async () => {
      const next = await send("sip.job", { customerId, jobId: job.id });
      if (!next.ok) {
        setProblem(`${next.error.message} (trying again)`);
        return setRetry((n) => n + 1);
      }
      setProblem(null);
      setJob(next.data);
    }, pollMs);
    return () => clearTimeout(timer);
  }, [job, send, customerId, pollMs, retry]);

  const rotate = async () => {
    // One click, one job: the button is off until the worker has answered.
    setStarting(true);
    setProblem(null);
    const answer = await send("sip.rotateAll", { customerId });
    setStarting(false);
    setConfirming(false);
    if (!answer.ok) return setProblem(answer.error.message);
    setJob(answer.data);
  };
  const base = `/api/v1/customers/${encodeURIComponent(customerId)}`;
  const onExport = async (path: string) => {
    setExported("Preparing the CSV…");
    const answer = await send("csv.get", { path });
    if (!answer.ok) return setExported(answer.error.message);
    const saved = await saveCsv(answer.data);
    setExported(saved.ok ? `Downloaded ${saved.fileName}` : saved.message);
  };

  return (
    <section class="wxsync-devices" data-testid="wxsync-devices" aria-label="Partner-managed devices">
      <h3>Partner-managed devices</h3>
      <div class="wxsync-actions">
        <button
          type="button"
          data-testid="wxsync-sync-devices"
          disabled={Boolean(blocked)}
          onClick={gate.write(onSync)}
        >
          Sync partner devices
        </button>
        {!confirming ? (
          <button
            type="button"
            data-testid="wxsync-rotate-all"
            disabled={Boolean(blocked) || running}
            onClick={gate.write(() => setConfirming(true))}
          >
            Rotate SIP passwords…
          </button>
        ) : (
          <>
            <button
              type="button"
              data-testid="wxsync-rotate-confirm"
              disabled={starting || Boolean(blocked)}
              onClick={gate.write(rotate)}
            >
              Rotate every partner-managed device's SIP password
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        )}
      </div>
      {confirming && (
        <p class="wxsync-muted">
          Each phone gets a new password from Webex; it must fetch its configuration again to register.
        </p>
      )}
      {job && (
        <div data-testid="wxsync-rotation" data-status={job.status}>
          <progress
            data-testid="wxsync-rotation-progress"
            max={100}
            value={job.progress.percent}
            aria-label="SIP password rotation"
          />
          <p data-testid="wxsync-rotation-summary">
            {job.status === "running" ? "Rotating: " : `${job.status.replaceAll("_", " ")}: `}
            {job.progress.done} of {job.progress.total} rotated
            {job.progress.failed ? `, ${job.progress.failed} failed` : ""}
            {job.message ? ` · ${job.message}` : ""}
          </p>
        </div>
      )}
      {problem && (
        <p class="wxsync-warning" role="alert">
          {problem}
        </p>
      )}
      <div class="wxsync-actions">
        <button
          type="button"
          data-testid="wxsync-export-sip"
          onClick={gate.read(() => onExport(`${base}/models/DeviceCallingDetails.csv?bom=true`))}
        >
          Export devices with SIP details (CSV)
        </button>
        <button
          type="button"
          data-testid="wxsync-export-hierarchy"
          onClick={gate.read(() => onExport(`${base}/hierarchy.csv?bom=true`))}
        >
          Export hierarchy (CSV)
        </button>
      </div>
      {exported && <p data-testid="wxsync-devices-export-state">{exported}</p>}
    </section>
  );
}
