/**
 * @module partner-panel/CustomerList
 * Every customer wxsync knows with its token health, from one `customers.list`. A partner may have hundreds
 * of customers, so the last run is asked for (`customer.overview`) only when a row is opened, never for all.
 */
import { useState } from "preact/hooks";
import type { Customer } from "../worker-api/schemas.ts";
import { dateTime, daysLeft, tokenNeedsAttention, tokenStatus } from "./format.ts";
import { ask, type Send } from "./send.ts";
import { useResult } from "./useResult.ts";

export function CustomerList({ send }: { send: Send }) {
  const [customers] = useResult(() => ask(send, "customers.list", {}), "customers");
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const toggle = (id: string) => {
    const next = new Set(open);
    if (!next.delete(id)) next.add(id);
    setOpen(next);
  };

  return (
    <section class="wxsync-partner-section" aria-labelledby="wxsync-partner-customers-title">
      <h2 id="wxsync-partner-customers-title">Customers</h2>
      {customers.state === "loading" && (
        <p class="wxsync-partner-status" data-testid="wxsync-partner-customers-loading">
          Loading customers…
        </p>
      )}
      {customers.state === "error" && (
        <p class="wxsync-partner-error" role="alert" data-testid="wxsync-partner-customers-error">
          {customers.message}
        </p>
      )}
      {customers.state === "ready" && customers.data.items.length === 0 && (
        <p class="wxsync-partner-status" data-testid="wxsync-partner-customers-empty">
          No customer in wxsync yet.
        </p>
      )}
      {customers.state === "ready" && customers.data.items.length > 0 && (
        <>
          <label class="wxsync-partner-filter">
            Find a customer{" "}
            <input
              type="search"
              value={filter}
              onInput={(e) => setFilter(e.currentTarget.value)}
              data-testid="wxsync-partner-customer-filter"
            />
          </label>
          <div class="wxsync-partner-scroll">
            <table data-testid="wxsync-partner-customers">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Token</th>
                  <th scope="col">Days left</th>
                  <th scope="col">Sync</th>
                </tr>
              </thead>
              <tbody>
                {customers.data.items
                  .filter((c) => c.name.toLowerCase().includes(filter.trim().toLowerCase()))
                  .map((c) => (
                    <CustomerRow
                      key={c.id}
                      customer={c}
                      send={send}
                      open={open.has(c.id)}
                      onToggle={() => toggle(c.id)}
                    />
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

type RowProps = { customer: Customer; send: Send; open: boolean; onToggle: () => void };

function CustomerRow({ customer, send, open, onToggle }: RowProps) {
  const warn = tokenNeedsAttention(customer.tokenHealth);
  return (
    <>
      <tr data-testid="wxsync-partner-customer" data-customer-id={customer.id}>
        <th scope="row">{customer.name}</th>
        <td>
          <span
            class={warn ? "wxsync-partner-badge wxsync-partner-warn" : "wxsync-partner-badge"}
            data-testid="wxsync-partner-token"
            data-warning={warn ? "true" : "false"}
          >
            {tokenStatus(customer.tokenHealth)}
          </span>
        </td>
        <td>{daysLeft(customer.tokenHealth)}</td>
        <td>
          <span data-testid="wxsync-partner-sync-state">
            {customer.lastRun ? customer.lastRun.status.replaceAll("_", " ") : "never synced"}
          </span>{" "}
          <button
            type="button"
            aria-expanded={open}
            onClick={onToggle}
            data-testid="wxsync-partner-customer-toggle"
          >
            {open ? "Hide" : "Details"}
          </button>
        </td>
      </tr>
      {open && (
        <tr class="wxsync-partner-detail">
          <td colSpan={4}>
            <LastRun send={send} customerId={customer.id} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Mounted only while the row is open, so closed rows cost no request. */
function LastRun({ send, customerId }: { send: Send; customerId: string }) {
  const [overview] = useResult(() => ask(send, "customer.overview", { customerId }), customerId);
  if (overview.state === "loading") return <p class="wxsync-partner-status">Loading the last run…</p>;
  if (overview.state === "error")
    return (
      <p class="wxsync-partner-error" role="alert">
        {overview.message}
      </p>
    );
  const run = overview.data.runs[0];
  const next = overview.data.schedules
    .flatMap((s) => (s.enabled && s.nextRunAt ? [s.nextRunAt] : []))
    .sort()[0];
  return (
    <p data-testid="wxsync-partner-last-run">
      {run ? (
        <>
          Last run <strong>{run.status}</strong> ({run.trigger}), {run.endedAt ? "ended" : "started"}{" "}
          {dateTime(run.endedAt ?? run.startedAt ?? run.createdAt)}: {run.totals.added} added,{" "}
          {run.totals.updated} updated, {run.totals.removed} removed.
          {run.error && <span class="wxsync-partner-warn"> {run.error}</span>}
        </>
      ) : (
        "No sync has run yet."
      )}{" "}
      Next scheduled sync: {next ? dateTime(next) : "none"}.
    </p>
  );
}
