/**
 * @module broadworks/contacts
 * Warnings about Webex's contact limits for BroadWorks phone-list sync. Over a limit Webex silently leaves the
 * surplus entries out, in no particular order, so an administrator needs telling before users notice missing
 * contacts.
 */
import type { DirectorySyncStatus } from "./schemas.ts";

/** Organization contacts (enterprise common phone list; group common in service-provider mode). */
export const ORG_CONTACTS_LIMIT = 500;
/** Synced user contacts (group common phone list in enterprise mode, personal phone lists). */
export const USER_CONTACTS_LIMIT = 1500;
/** Share of a limit from which wxsync warns. */
export const CONTACTS_WARN_RATIO = 0.9;

const n = (value: number) => value.toLocaleString("en-US");

function warn(label: string, total: number | undefined, limit: number, shrink: string): string | null {
  if (total === undefined) return null;
  if (total >= limit) {
    return `${label}: ${n(total)}, at Webex's limit of ${n(limit)}. Phone-list entries beyond the limit are left out by Webex, in no particular order. ${shrink}, or open a case with Cisco to exclude this org.`;
  }
  if (total >= limit * CONTACTS_WARN_RATIO) {
    const percent = Math.floor((total / limit) * 100);
    return `${label}: ${n(total)} of Webex's limit of ${n(limit)} (${percent}%). Entries beyond the limit will be left out; ${shrink.charAt(0).toLowerCase()}${shrink.slice(1)} before it is reached.`;
  }
  return null;
}

/** One sentence per contact total at or near its limit; empty when all is well or nothing is known. */
export function contactWarnings(status: DirectorySyncStatus | null): string[] {
  if (!status) return [];
  return [
    warn(
      "Organization contacts",
      status.totalOrgContactsInContactService,
      ORG_CONTACTS_LIMIT,
      "Shorten the enterprise common phone list in BroadWorks",
    ),
    warn(
      "Synced user contacts",
      status.totalUserContactsInContactService,
      USER_CONTACTS_LIMIT,
      "Shorten the group common and personal phone lists in BroadWorks",
    ),
  ].filter((w): w is string => w !== null);
}
