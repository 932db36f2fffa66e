import { describeHealth } from "@wxsync/core/health/describe";
import { useEffect, useState } from "preact/hooks";
import type { Protocol } from "../messaging/protocol.ts";
import type { send as Send } from "../messaging/send.ts";
import type { Customer } from "../worker-api/schemas.ts";

export type PopupProps = {
  send: typeof Send;
  /** Opens an extension page (dashboard or options). */
  open: (page: "dashboard" | "options") => void;
};

const RANK: Record<string, number> = {
  expired: 0,
  revoked: 0,
  error: 1,
  expiring: 2,
  not_connected: 3,
  refresh_due: 4,
  ok: 5,
};

/** Customers whose Webex authorization needs someone first, then the rest by name. */
export function byTrouble(customers: Customer[]): Customer[] {
  return [...customers].sort(
    (a, b) =>
      (RANK[a.tokenHealth.status] ?? 5) - (RANK[b.tokenHealth.status] ?? 5) || a.name.localeCompare(b.name),
  );
}

/** The overall health at a glance, and the way to the dashboard and the options. */
export function Popup({ send, open }: PopupProps) {
  const [health, setHealth] = useState<Protocol["worker.health"]["response"] | null>(null);
  const [customers, setCustomers] = useState<Protocol["customers.list"]["response"] | null>(null);

  useEffect(() => {
    send("worker.health", {}).then(setHealth);
    send("customers.list", {}).then(setCustomers);
  }, [send]);

  const trouble = customers?.ok
    ? customers.data.items.filter((c) => (RANK[c.tokenHealth.status] ?? 5) < 4).length
    : 0;
  return (
    <main class="wxsync-popup">
      <h1>wxsync</h1>
      <p data-testid="popup-health" class={health && !health.ok ? "wxsync-warning" : ""}>
        {health === null
          ? "Checking the worker…"
          : health.ok
            ? describeHealth(health.data)
            : health.error.message}
      </p>
      {customers === null && <p>Loading customers…</p>}
      {customers && !customers.ok && <p class="wxsync-warning">{customers.error.message}</p>}
      {customers?.ok && (
        <>
          <p data-testid="popup-summary">
            {customers.data.items.length} customers ·{" "}
            {trouble ? `${trouble} need attention` : "all authorizations fine"}
          </p>
          <ul data-testid="popup-customers">
            {byTrouble(customers.data.items)
              .slice(0, 8)
              .map((c) => (
                <li key={c.id} data-status={c.tokenHealth.status}>
                  {c.name} — {c.tokenHealth.status.replaceAll("_", " ")}
                </li>
              ))}
          </ul>
        </>
      )}
      <nav>
        <button type="button" data-testid="open-dashboard" onClick={() => open("dashboard")}>
          Dashboard
        </button>
        <button type="button" onClick={() => open("options")}>
          Options
        </button>
      </nav>
    </main>
  );
}
