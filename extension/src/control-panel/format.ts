/**
 * @module control-panel/format
 * Small words for the panel: times, token health, run totals.
 */
import type { Customer, Run } from "../worker-api/schemas.ts";

export function when(iso: string | null | undefined, now = new Date()): string {
  if (!iso) return "never";
  const ms = Date.parse(iso) - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const span =
    minutes < 1
      ? "less than a minute"
      : minutes < 90
        ? `${minutes} min`
        : minutes < 36 * 60
          ? `${Math.round(minutes / 60)} h`
          : `${Math.round(minutes / 1440)} days`;
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

const TROUBLE: Record<string, string> = {
  expiring: "The Webex authorization expires soon: reconnect the customer before it does.",
  expired: "The Webex authorization has expired: syncs stop until the customer is connected again.",
  revoked: "Webex no longer accepts the authorization: connect the customer again.",
  error: "The last token refresh failed: wxsync retries, but check the logs.",
  not_connected: "Not connected to Webex yet: use Connect to Webex Control Hub.",
};

/** A warning to show for the customer's token, or null when all is well. */
export function tokenWarning(health: Customer["tokenHealth"]): string | null {
  return TROUBLE[health.status] ?? null;
}

export function tokenLine(health: Customer["tokenHealth"]): string {
  const days = health.refreshTokenDaysLeft;
  // Days left mean something only while Webex still accepts the authorization.
  const counting = ["ok", "refresh_due", "expiring"].includes(health.status) && typeof days === "number";
  return `${health.status.replaceAll("_", " ")}${counting ? ` · ${days} days left on the authorization` : ""}`;
}

export const totalsLine = (run: Run) =>
  `+${run.totals.added} added · ${run.totals.updated} updated · −${run.totals.removed} removed`;

export const isActive = (run: Run) => run.status === "queued" || run.status === "running";
