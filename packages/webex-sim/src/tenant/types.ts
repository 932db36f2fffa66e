import type { Collection, Obj } from "./collection.ts";

/** Every model the simulator stores per org; the names are also the control API's model names. */
export const MODEL_NAMES = [
  "organizations",
  "roles",
  "licenses",
  "locations",
  "floors",
  "telephonyLocations",
  "workspaceLocations",
  "workspaceLocationFloors",
  "people",
  "workspaces",
  "devices",
  "telephonyDevices",
  "numbers",
  "groups",
  "teams",
  "rooms",
  "huntGroups",
  "autoAttendants",
  "callPickups",
  "callParks",
  "callParkExtensions",
  "schedules",
  "announcements",
  "dialPlans",
  "routeGroups",
  "trunks",
  "callingProfiles",
] as const;

export type ModelName = (typeof MODEL_NAMES)[number];

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export type Org = {
  uuid: string;
  id: string;
  displayName: string;
  domain: string;
  isPartner: boolean;
  /** The person who signs in for this org (a full administrator). */
  adminId: string;
  collections: Record<ModelName, Collection>;
  /** Per-person / per-workspace call settings written by clients: entity id → feature path → body. */
  features: Map<string, Map<string, Obj>>;
  /** Third-party device SIP passwords (write-only in the API). */
  sipPasswords: Map<string, string>;
  /** Device configuration overrides: device id → key → configured value. */
  deviceConfigs: Map<string, Map<string, unknown>>;
};

export type BroadWorksUser = {
  userId: string;
  firstName: string;
  lastName: string;
  extension: string;
  number: string;
  mobile: string;
  machine: boolean;
  /** Present in Webex's identity store (CI) after a sync or single-user sync. */
  inCI: boolean;
  /** Changed in BroadWorks since it was last synced. */
  dirty: boolean;
  /** Removed from BroadWorks but possibly still in CI. */
  deleted: boolean;
};

export type Enterprise = {
  id: string;
  orgId: string;
  spEnterpriseId: string;
  provisioningId: string;
  cluster: string;
  enableDirSync: boolean;
  users: BroadWorksUser[];
  /** The Webex directory-sync status object as last reported. */
  status: Obj;
  /** The running sync, if any: sim-clock end time and how it will end. */
  running?: { startedAt: number; endsAt: number; failCode?: number; onDemand: boolean };
  /** Scripted outcome for the next sync (control API). */
  nextOutcome?: { failCode?: number; durationMs?: number };
  everCompleted: boolean;
};

export type Tenant = {
  seed: number;
  partner: Org;
  customers: Org[];
  orgs: Map<string, Org>;
  enterprises: Enterprise[];
  /** Every Sync now the simulator was asked for, started or refused, in order (control API: /_sim/broadworks/log). */
  syncLog?: { enterpriseId: string; cluster: string; at: number; endsAt?: number; refused?: number }[];
  /** Device writes clients made, in order (control API: /_sim/devices/log). */
  deviceLog?: DeviceAction[];
};

export type DeviceAction = {
  /** ISO time on the sim clock. */
  at: string;
  orgId: string;
  /** The `/devices` id, whichever id the client used. */
  deviceId: string;
  action: "setSipPassword" | "applyChanges" | "createDevice";
  /** setSipPassword only: whether the password differs from the one stored before. */
  changed?: boolean;
};
