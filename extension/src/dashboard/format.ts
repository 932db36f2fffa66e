/**
 * @module dashboard/format
 * Words and numbers as the dashboard writes them: times, statuses, run totals, token health.
 */
import type { Customer, Run } from "../worker-api/schemas.ts";

/** A status from the API ("completed_with_errors") as a reader sees it. */
export const words = (status: string) => status.replaceAll("_", " ");

export function time(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "short", timeStyle: "medium" });
}

export const isActive = (run: Pick<Run, "status">) => run.status === "queued" || run.status === "running";

export const totals = (run: Pick<Run, "totals">) =>
  `+${run.totals.added} ~${run.totals.updated} −${run.totals.removed}`;

export type Tone = "ok" | "warn" | "danger";

/**
 * How loudly to show a token's health: expired or revoked tokens stop every sync; expiring ones soon will,
 * and a failed refresh or a missing connection needs an administrator too.
 */
export function tokenTone(health: Customer["tokenHealth"]): Tone {
  if (health.status === "expired" || health.status === "revoked") return "danger";
  if (health.status === "expiring" || health.status === "error" || health.status === "not_connected")
    return "warn";
  return "ok";
}

const ADVICE: Record<string, string> = {
  expiring: "The Webex authorization expires soon: connect the customer again before it does.",
  expired: "The Webex authorization has expired: syncs stop until the customer is connected again.",
  revoked: "Webex no longer accepts the authorization: connect the customer again.",
  error: "The last token refresh failed: wxsync retries, but check the logs.",
  not_connected: "Not connected to Webex yet.",
};

export const tokenAdvice = (health: Customer["tokenHealth"]) => ADVICE[health.status] ?? null;

export function daysLeft(health: Customer["tokenHealth"]): string {
  const days = health.refreshTokenDaysLeft;
  if (typeof days !== "number") return "—";
  return days === 1 ? "1 day" : `${days} days`;
}

/** A changed field's value, short enough for a table cell. */
export function shown(value: unknown): string {
  if (value === undefined || value === null || value === "") return "∅";
  return typeof value === "string" ? value : JSON.stringify(value);
}
