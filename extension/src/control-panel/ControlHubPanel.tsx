import { useCallback, useEffect, useState } from "preact/hooks";
import { useGate } from "../guard/gesture.tsx";
import type { CustomerOverview } from "../messaging/protocol.ts";
import type { send as Send } from "../messaging/send.ts";
import type { TabChoice } from "../messaging/tab-choice.ts";
import { findCustomer, type PageContext } from "../page/context.ts";
import type { Customer, Run, Whoami } from "../worker-api/schemas.ts";
import { Exports } from "./Exports.tsx";
import { isActive, tokenLine, tokenWarning, totalsLine, when } from "./format.ts";
import { OrgSwitch } from "./OrgSwitch.tsx";
import { decide } from "./org-hint.ts";
import { PartnerDevices } from "./PartnerDevices.tsx";
import { RunProgress } from "./RunProgress.tsx";

export type ControlHubPanelProps = { send: typeof Send; context: PageContext; pollMs?: number };

type Load<T> =
  | { state: "loading" }
  | { state: "error"; message: string; unreachable?: boolean }
  | { state: "ready"; data: T };

/**
 * The panel on Control Hub pages: the customer org on screen, its syncs, its token, its exports. The org the
 * page's address names is a hint (see org-hint.ts): a customer not looked at in this tab is asked about.
 */
export function ControlHubPanel({ send, context, pollMs = 1000 }: ControlHubPanelProps) {
  const gate = useGate();
  const [customers, setCustomers] = useState<Load<Customer[]>>({ state: "loading" });
  const [who, setWho] = useState<Whoami | null>(null);
  const [tab, setTab] = useState<TabChoice | null>(null);
  const [declined, setDeclined] = useState<string | null>(null);
  const [overview, setOverview] = useState<Load<CustomerOverview> | null>(null);
  // The run on show: a running one with live bars, or the one that just ended with what it changed.
  const [shown, setShown] = useState<Run | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    send("customers.list", {}).then((answer) =>
      setCustomers(
        answer.ok
          ? { state: "ready", data: answer.data.items }
          : {
              state: "error",
              message: answer.error.message,
              unreachable: answer.error.kind === "unreachable",
            },
      ),
    );
    send("whoami", {}).then((answer) => answer.ok && setWho(answer.data));
    send("tab.customer", {}).then(setTab);
  }, [send]);

  const list = customers.state === "ready" ? customers.data : [];
  const detected = findCustomer(list, context.orgHint);
  const decision = tab ? decide(tab, detected?.id ?? null, declined) : null;
  const shownId = decision?.kind === "show" ? decision.customerId : (tab?.customerId ?? null);
  const customer = list.find((c) => c.id === shownId) ?? null;
  const hinted =
    decision && decision.kind !== "show" ? list.find((c) => c.id === decision.hinted) : undefined;
  const asking = decision?.kind === "ask";

  /** Puts a customer on show in this tab and counts it as looked at (remembered for the browser session). */
  const choose = useCallback((id: string | null) => send("tab.customer", { set: id }).then(setTab), [send]);
  // "Stay" answers one question: when the address names another org, the next one is asked again.
  useEffect(() => setDeclined(null), [detected?.id]);
  // A customer the hint may bring without asking (the tab's first, or one looked at before) is remembered.
  useEffect(() => {
    if (customers.state === "ready" && tab && decision?.kind === "show" && shownId !== tab.customerId)
      choose(shownId);
  }, [customers.state, tab, shownId]);

  const load = useCallback(async () => {
    if (!customer) return;
    const answer = await send("customer.overview", { customerId: customer.id });
    setOverview(
      answer.ok ? { state: "ready", data: answer.data } : { state: "error", message: answer.error.message },
    );
    const running = answer.ok ? answer.data.runs.find(isActive) : undefined;
    if (running) {
      setShown(running);
      setBusy(true);
    }
  }, [send, customer?.id]);

  useEffect(() => {
    setOverview(customer ? { state: "loading" } : null);
    setShown(null);
    setBusy(false);
    load();
  }, [load]);

  if (customers.state === "loading") return <p class="wxsync-muted">Loading wxsync…</p>;
  if (customers.state === "error")
    return (
      <p class="wxsync-offline" data-testid="wxsync-offline">
        {customers.unreachable
          ? "wxsync is offline: syncs and exports come back when the worker answers again."
          : customers.message}
      </p>
    );

  const pick = (id: string) => choose(id || null);
  const viewer = who?.role === "viewer";
  const start = async (kind: "users" | "data" | "devices") => {
    if (!customer) return;
    setActionError(null);
    const answer = await send("sync.start", { customerId: customer.id, kind });
    if (!answer.ok) return setActionError(answer.error.message);
    const run = await send("run.get", { customerId: customer.id, runId: answer.data.runId });
    if (run.ok) {
      setShown(run.data);
      setBusy(isActive(run.data));
    }
  };

  return (
    <div class="wxsync-control" data-testid="wxsync-control">
      {!detected && (
        <label class="wxsync-picker">
          <span>Customer</span>
          <select
            data-testid="wxsync-customer-select"
            value={customer?.id ?? ""}
            onChange={gate.read((e: Event) => pick((e.currentTarget as HTMLSelectElement).value))}
          >
            <option value="">Choose the customer on screen…</option>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {customer && (
        <>
          <h2 data-testid="wxsync-customer">{customer.name}</h2>
          {asking && hinted && (
            <OrgSwitch
              hinted={hinted.name}
              current={customer.name}
              onSwitch={() => choose(hinted.id)}
              onStay={() => setDeclined(hinted.id)}
            />
          )}
          {decision?.kind === "stay" && hinted && (
            <p class="wxsync-muted" data-testid="wxsync-org-stayed">
              This page shows {hinted.name}; wxsync stays with {customer.name}, as you chose.
            </p>
          )}
          {overview?.state === "loading" && <p class="wxsync-muted">Loading…</p>}
          {overview?.state === "error" && <p class="wxsync-warning">{overview.message}</p>}
          {overview?.state === "ready" && <Status overview={overview.data} />}
        </>
      )}
      {customer && !asking && (
        <>
          <div class="wxsync-actions">
            <button
              type="button"
              data-testid="wxsync-sync-users"
              disabled={viewer || busy || Boolean(gate.blocked)}
              onClick={gate.write(() => start("users"))}
            >
              Sync Webex App Users
            </button>
            <button
              type="button"
              data-testid="wxsync-sync-data"
              disabled={viewer || busy || Boolean(gate.blocked)}
              onClick={gate.write(() => start("data"))}
            >
              Run data sync
            </button>
          </div>
          {viewer && (
            <p class="wxsync-muted" data-testid="wxsync-role-reason">
              Your API key is a viewer key: it can read and export, not run syncs. Ask for an operator key.
            </p>
          )}
          {actionError && <p class="wxsync-warning">{actionError}</p>}
          {shown && (
            <RunProgress
              key={shown.id}
              send={send}
              customerId={customer.id}
              run={shown}
              pollMs={pollMs}
              onEnd={() => {
                setBusy(false);
                load();
              }}
            />
          )}
          {context.page === "devices" && (
            <PartnerDevices
              send={send}
              customerId={customer.id}
              blocked={viewer ? "viewer" : busy ? "a sync is running" : null}
              onSync={() => start("devices")}
              pollMs={pollMs}
            />
          )}
          <Exports send={send} customerId={customer.id} page={context.page} />
        </>
      )}
    </div>
  );
}

function Status({ overview }: { overview: CustomerOverview }) {
  const { customer, runs, schedules } = overview;
  const last = runs.find((r) => !isActive(r));
  const warning = tokenWarning(customer.tokenHealth);
  const next = schedules
    .filter((s) => s.enabled && s.nextRunAt)
    .map((s) => s.nextRunAt!)
    .sort()[0];
  return (
    <dl class="wxsync-status">
      <dt>Last sync</dt>
      <dd data-testid="wxsync-last-sync">
        {last ? `${last.status.replaceAll("_", " ")} · ${when(last.endedAt)} · ${totalsLine(last)}` : "never"}
      </dd>
      <dt>Token</dt>
      <dd data-testid="wxsync-token">{tokenLine(customer.tokenHealth)}</dd>
      {warning && (
        <dd class="wxsync-warning" data-testid="wxsync-token-warning">
          {warning}
        </dd>
      )}
      <dt>Next sync</dt>
      <dd data-testid="wxsync-next-sync">
        {next ? `${when(next)} (${new Date(next).toLocaleString()})` : "none scheduled"}
      </dd>
    </dl>
  );
}
