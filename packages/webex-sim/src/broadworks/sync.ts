import type { BroadWorksUser, Enterprise } from "../tenant/types.ts";
import { WebexError } from "../util/errors.ts";
import type { Prng } from "../util/prng.ts";

/** Descriptions for the directory-sync error codes (broadworks-directory-sync-facts.md). */
export const SYNC_ERRORS: Record<number, string> = {
  600000: "Unexpected error while syncing BroadWorks external directory users.",
  600001: "External directory user sync failed.",
  600002: "Sync must be finished before completion.",
  600003: "Sync completed only partially; some customer orgs could not be synced.",
  600004: "Sync is not enabled for the ConfigSet.",
  600005: "Sync is already in progress for the ConfigSet.",
  600006: "Sync threads are busy or shutting down; try later.",
  600007: "Identity org not found for the CustomerConfig.",
  600008: "CustomerConfig not found in the partner org.",
  600009: "Cannot run: the BroadWorks cluster of the CustomerConfig is busy.",
  600010: "Cannot run: no BroadWorks cluster is linked to the CustomerConfig.",
  600011: "Sync is not enabled for the CustomerConfig.",
  600012: "Cannot run: hybrid directory sync is already enabled for the CustomerConfig.",
  600013: "Could not add users and machine accounts to the identity store.",
  600014: "Could not connect to the BroadWorks cluster.",
  600015: "No matching user found in the identity store.",
  600017: "Phone list could not sync all users' and enterprise contacts.",
  600018: "Phone list could not sync for users in the enterprise.",
  600019: "Phone list could not sync enterprise contacts.",
  600020: "Cannot disable: a CustomerConfig sync is in progress.",
  600022: "Single-user sync impossible: the enterprise has no user.",
  600023: "Single-user sync impossible: the user already exists in this org.",
  600024: "Single-user sync impossible: no matching user found in BroadWorks.",
  600025: "Could not update the user account in CI.",
  600026: "Could not update the machine account in CI.",
  600027: "Single-user sync impossible: several users found in BroadWorks.",
  600028: "Single-user sync impossible: at least one enterprise directory sync must have completed first.",
  600029: "Sync failed: the enterprise has no user.",
};

/** Codes a running sync may end with when it fails. */
const RUN_FAILURES = [600000, 600001, 600003, 600013, 600014, 600017];

export type SyncConfig = { syncBaseMs: number; syncPerUserMs: number; failureRate: number };

const iso = (ms: number) => new Date(ms).toISOString();

function fail(status: number, code: number): never {
  throw new WebexError(
    status,
    SYNC_ERRORS[code] ?? "Directory sync error",
    status === 429 ? { "Retry-After": "30" } : {},
    code,
  );
}

/** Brings an enterprise's sync up to the sim clock: a run whose end time has passed completes or fails now. */
export function settle(e: Enterprise, now: number): void {
  const run = e.running;
  if (!run || now < run.endsAt) return;
  e.running = undefined;
  const base = { lastSyncStartTime: iso(run.startedAt), lastSyncEndTime: iso(run.endsAt) };
  const trackingId = `NA_${crypto.randomUUID()}`;
  if (run.failCode !== undefined) {
    e.status = {
      ...e.status,
      ...base,
      syncStatus: "FAILED",
      lastSyncTrackingId: trackingId,
      errors: [
        { errorCode: run.failCode, description: SYNC_ERRORS[run.failCode] ?? "Directory sync failed" },
      ],
    };
    return;
  }
  const counts = applyFullSync(e.users);
  e.everCompleted = true;
  e.status = {
    ...base,
    syncStatus: "COMPLETE",
    ...counts,
    totalExternalUsersInCI: e.users.filter((u) => u.inCI && !u.machine).length,
    totalExternalMachinesInCI: e.users.filter((u) => u.inCI && u.machine).length,
    lastSuccessfulSyncTime: iso(run.endsAt),
    lastSyncTrackingId: trackingId,
    userContactsAdded: 0,
    userContactsUpdated: 0,
    userContactsDeleted: 0,
    orgContactsAdded: 0,
    orgContactsUpdated: 0,
    orgContactsDeleted: 0,
  };
}

function applyFullSync(users: BroadWorksUser[]) {
  const c = {
    usersAdded: 0,
    usersUpdated: 0,
    usersDeleted: 0,
    machinesAdded: 0,
    machinesUpdated: 0,
    machinesDeleted: 0,
  };
  for (const u of users) {
    const kind = u.machine ? "machines" : "users";
    if (u.deleted) {
      if (u.inCI) c[`${kind}Deleted`]++;
      u.inCI = false;
    } else if (!u.inCI) {
      c[`${kind}Added`]++;
      u.inCI = true;
    } else if (u.dirty) c[`${kind}Updated`]++;
    u.dirty = false;
  }
  for (let i = users.length - 1; i >= 0; i--) if (users[i]!.deleted) users.splice(i, 1);
  return c;
}

/** `SYNC_NOW`: refuses when disabled, and when the cluster already runs an on-demand sync (429). */
export function startSync(
  e: Enterprise,
  all: Enterprise[],
  now: number,
  config: SyncConfig,
  rng: Prng,
): void {
  for (const other of all) settle(other, now);
  if (!e.enableDirSync) fail(400, 600011);
  if (all.some((o) => o.cluster === e.cluster && o.running?.onDemand)) fail(429, 600009);
  const scripted = e.nextOutcome;
  e.nextOutcome = undefined;
  const duration = scripted?.durationMs ?? config.syncBaseMs + e.users.length * config.syncPerUserMs;
  let failCode = scripted
    ? scripted.failCode
    : rng.chance(config.failureRate)
      ? rng.pick(RUN_FAILURES)
      : undefined;
  if (failCode === undefined && e.users.length === 0) failCode = 600029;
  e.running = { startedAt: now, endsAt: now + duration, failCode, onDemand: true };
  const { errors: _errors, ...rest } = e.status;
  e.status = { ...rest, syncStatus: "IN_PROGRESS", lastSyncStartTime: iso(now) };
}

export function setEnabled(e: Enterprise, enabled: boolean, now: number): void {
  settle(e, now);
  if (!enabled && e.running) fail(409, 600020);
  e.enableDirSync = enabled;
}

/** Single-user sync: the user's fate in CI (ADD / UPDATE / DELETE / NO_OPERATION), applied at once. */
export function syncOneUser(e: Enterprise, userId: string, webexEmails: Set<string>, now: number) {
  settle(e, now);
  if (!e.enableDirSync) fail(400, 600011);
  if (!e.everCompleted) fail(400, 600028);
  if (e.users.length === 0) fail(400, 600022);
  if (webexEmails.has(userId.toLowerCase())) fail(409, 600023);
  const matches = e.users.filter((u) => u.userId.toLowerCase() === userId.toLowerCase());
  if (matches.length === 0) fail(404, 600024);
  if (matches.length > 1) fail(409, 600027);
  const u = matches[0]!;
  let status: "ADD" | "UPDATE" | "DELETE" | "NO_OPERATION";
  if (u.deleted) {
    status = u.inCI ? "DELETE" : "NO_OPERATION";
    e.users.splice(e.users.indexOf(u), 1);
  } else if (!u.inCI) status = "ADD";
  else status = u.dirty ? "UPDATE" : "NO_OPERATION";
  u.inCI = !u.deleted;
  u.dirty = false;
  return {
    userResponse: {
      userId: u.userId,
      firstName: u.firstName,
      lastName: u.lastName,
      extension: u.extension,
      number: u.number,
      mobile: u.mobile,
    },
    status,
  };
}
