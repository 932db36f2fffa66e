/**
 * @module partner-panel/format
 * Words and numbers for the Partner Hub panel: times, token health, last-sync counts, the viewer-key reason.
 */
import type { BwEnterprise, Customer } from "../worker-api/schemas.ts";

export const VIEWER_REASON = "Your API key is a viewer key: ask for an operator key";

/** Token statuses that need the administrator's attention (the rest are fine or being refreshed). */
const TOKEN_WARNINGS = new Set(["expiring", "expired", "revoked", "not_connected", "error"]);

export const tokenNeedsAttention = (health: Customer["tokenHealth"]) => TOKEN_WARNINGS.has(health.status);

export const tokenStatus = (health: Customer["tokenHealth"]) => health.status.replaceAll("_", " ");

export function daysLeft(health: Customer["tokenHealth"]): string {
  const days = health.refreshTokenDaysLeft;
  return typeof days === "number" ? `${days} day${days === 1 ? "" : "s"}` : "—";
}

/** A worker time in the administrator's own locale; "—" when there is none. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A field of Webex's last directory sync status, which the worker passes through as it came. */
function field(lastSync: BwEnterprise["lastSync"], name: string): unknown {
  return lastSync?.[name];
}

export function lastSyncEnd(e: BwEnterprise): string | null {
  const end = field(e.lastSync, "lastSyncEndTime");
  return typeof end === "string" ? end : null;
}

/** Users added, updated and deleted by the last sync; a count Webex did not send stays blank. */
export function userCounts(e: BwEnterprise) {
  const n = (name: string) => {
    const value = field(e.lastSync, name);
    return typeof value === "number" ? value : null;
  };
  return { added: n("usersAdded"), updated: n("usersUpdated"), deleted: n("usersDeleted") };
}

export const countText = (n: number | null) => (n === null ? "—" : String(n));
