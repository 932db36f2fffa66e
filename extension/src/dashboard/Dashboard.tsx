/**
 * @module dashboard/Dashboard
 * The extension's full-page dashboard: customers and their token health, the selected customer's runs,
 * changes and charts, and the worker's log. Every answer comes through the injected `send`.
 */
import { useState } from "preact/hooks";
import { ask, type Send } from "./ask.ts";
import { CustomerDetails } from "./CustomerDetails.tsx";
import { CustomersTable } from "./CustomersTable.tsx";
import { LogsPanel } from "./LogsPanel.tsx";
import { Pending } from "./Status.tsx";
import { useAnswer } from "./useAnswer.ts";

export type DashboardProps = {
  send: Send;
  /** The customer to show first (the page's `?customer=` parameter). */
  initialCustomerId?: string | null;
  /** Told of each selection, so the page's address can keep it across reloads. */
  onSelectCustomer?: (customerId: string) => void;
  /** Opens the extension's options (worker URL and API key), offered when the worker cannot be reached. */
  openOptions?: () => void;
  /** How often a running run is asked for again, in ms. */
  pollMs?: number;
};

export function Dashboard({
  send,
  initialCustomerId = null,
  onSelectCustomer,
  openOptions,
  pollMs = 2000,
}: DashboardProps) {
  const [customers, reload] = useAnswer(() => ask(send, "customers.list", {}), [send]);
  const [selectedId, setSelectedId] = useState(initialCustomerId);
  const select = (customerId: string) => {
    setSelectedId(customerId);
    onSelectCustomer?.(customerId);
  };
  const list = customers.status === "ok" ? customers.data.items : [];
  const selected = list.find((c) => c.id === selectedId) ?? null;
  const workerDown =
    customers.status === "error" &&
    (customers.error.kind === "unreachable" || customers.error.kind === "not-configured");

  return (
    <main class="dash" data-testid="dash">
      <header class="dash-top">
        <h1>wxsync dashboard</h1>
        {openOptions && (
          <button type="button" data-testid="dash-open-options" onClick={openOptions}>
            Options
          </button>
        )}
      </header>
      <section class="dash-card" data-testid="dash-customers-section" aria-labelledby="dash-customers-title">
        <header class="dash-section-head">
          <h2 id="dash-customers-title">Customers</h2>
          <button type="button" data-testid="dash-customers-reload" onClick={reload}>
            Refresh
          </button>
        </header>
        <Pending answer={customers} what="the customers" onRetry={reload} />
        {customers.status === "ok" && (
          <CustomersTable customers={list} selectedId={selectedId} onSelect={select} />
        )}
      </section>
      {selected && <CustomerDetails key={selected.id} send={send} customer={selected} pollMs={pollMs} />}
      {/* With no worker every other section would only repeat the same failure. */}
      {!workerDown && customers.status !== "loading" && <LogsPanel send={send} customers={list} />}
    </main>
  );
}
