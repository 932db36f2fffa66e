/**
 * @module partner-panel/EnterpriseTable
 * The partner's BroadWorks enterprises, one row each: selection, directory sync state, last sync counts,
 * errors explained, schedule, contact warnings, "Sync now", and under a row the answer to an action on it.
 */
import { useEffect, useRef } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import type { BwEnterprise } from "../worker-api/schemas.ts";
import { countText, dateTime, lastSyncEnd, userCounts } from "./format.ts";

export type RowMessage = { tone: "ok" | "error"; text: string };

type Props = {
  enterprises: BwEnterprise[];
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  messages: Readonly<Record<string, RowMessage>>;
  syncing: ReadonlySet<string>;
  onSyncNow: (id: string) => void;
  /** Why operator actions are off (a viewer key), or null when they are allowed. */
  blocked: string | null;
};

const COLUMNS = 13;

export function EnterpriseTable(props: Props) {
  const { enterprises, selected, onSelectAll } = props;
  const all = enterprises.length > 0 && enterprises.every((e) => selected.has(e.id));
  const some = !all && enterprises.some((e) => selected.has(e.id));
  const selectAll = useRef<HTMLInputElement>(null);
  // "Some selected" has no attribute, only this property.
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = some;
  }, [some]);

  return (
    <div class="wxsync-partner-scroll">
      <table data-testid="wxsync-partner-enterprises">
        <thead>
          <tr>
            <th scope="col">
              <input
                ref={selectAll}
                type="checkbox"
                aria-label="Select every enterprise"
                checked={all}
                onChange={(e) => onSelectAll(e.currentTarget.checked)}
                data-testid="wxsync-partner-select-all"
              />
            </th>
            <th scope="col">Enterprise</th>
            <th scope="col">Directory sync</th>
            <th scope="col">Cluster</th>
            <th scope="col">Status</th>
            <th scope="col">Last sync end</th>
            <th scope="col" title="Users added by the last sync">
              Added
            </th>
            <th scope="col" title="Users updated by the last sync">
              Updated
            </th>
            <th scope="col" title="Users deleted by the last sync">
              Deleted
            </th>
            <th scope="col">Errors</th>
            <th scope="col">Next weekly sync</th>
            <th scope="col">Contacts</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {enterprises.map((e) => (
            <EnterpriseRow key={e.id} enterprise={e} {...props} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EnterpriseRow({
  enterprise: e,
  selected,
  onSelect,
  messages,
  syncing,
  onSyncNow,
  blocked,
}: Props & { enterprise: BwEnterprise }) {
  const gate = useGate();
  const counts = userCounts(e);
  const message = messages[e.id];
  const busy = syncing.has(e.id);
  return (
    <>
      <tr data-testid="wxsync-partner-enterprise" data-enterprise-id={e.id}>
        <td>
          <input
            type="checkbox"
            aria-label={`Select ${e.spEnterpriseId}`}
            checked={selected.has(e.id)}
            onChange={(event) => onSelect(e.id, event.currentTarget.checked)}
            data-testid="wxsync-partner-select"
          />
        </td>
        <th scope="row">{e.spEnterpriseId}</th>
        <td>{e.enabled ? "enabled" : "disabled"}</td>
        <td>{e.cluster ?? "not known"}</td>
        <td>
          <span
            class={
              e.syncStatus === "FAILED" ? "wxsync-partner-badge wxsync-partner-warn" : "wxsync-partner-badge"
            }
          >
            {e.syncStatus ?? "never synced"}
          </span>
        </td>
        <td>{dateTime(lastSyncEnd(e))}</td>
        <td>{countText(counts.added)}</td>
        <td>{countText(counts.updated)}</td>
        <td>{countText(counts.deleted)}</td>
        <td>
          <Errors errors={e.errors} />
        </td>
        <td>
          {dateTime(e.schedule.nextExpectedSyncAt)}
          {e.schedule.overdue && (
            <span class="wxsync-partner-badge wxsync-partner-warn" data-testid="wxsync-partner-overdue">
              overdue
            </span>
          )}
        </td>
        <td>
          {e.contactWarnings.length === 0
            ? "—"
            : e.contactWarnings.map((w) => (
                <p key={w} class="wxsync-partner-warn" data-testid="wxsync-partner-contact-warning">
                  {w}
                </p>
              ))}
        </td>
        <td>
          <button
            type="button"
            disabled={blocked !== null || busy}
            title={blocked ?? "Ask Webex for an on-demand sync of this enterprise"}
            onClick={gate.write(() => onSyncNow(e.id))}
            data-testid="wxsync-partner-sync-now"
          >
            {busy ? "Sending…" : "Sync now"}
          </button>
        </td>
      </tr>
      {message && (
        <tr class="wxsync-partner-detail">
          <td colSpan={COLUMNS}>
            <p
              class={message.tone === "error" ? "wxsync-partner-error" : "wxsync-partner-ok"}
              role={message.tone === "error" ? "alert" : "status"}
              data-testid="wxsync-partner-row-message"
            >
              {message.text}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

/** Each error's code on the row; what it means and what to do, both on hover and when opened. */
function Errors({ errors }: { errors: BwEnterprise["errors"] }) {
  if (errors.length === 0) return <span>none</span>;
  return (
    <>
      {errors.map((err) => (
        <details key={err.code} class="wxsync-partner-errors" data-testid="wxsync-partner-error-code">
          <summary title={`${err.meaning} ${err.action}`} class="wxsync-partner-warn">
            {err.code}
          </summary>
          <p>{err.meaning}</p>
          <p>
            <strong>What to do:</strong> {err.action}
          </p>
        </details>
      ))}
    </>
  );
}
