/**
 * @module broadworks/schemas
 * The shapes of Webex for BroadWorks directory-sync answers, read leniently: the official spec marks nothing as
 * required and its own examples disagree with its schemas, so unknown keys are kept, and a count or time that
 * is missing or garbled reads as absent rather than failing the whole answer. What wxsync cannot do without
 * (ids, the enabled flag, error codes, a single-user sync's outcome) is still checked.
 */
import { z } from "zod";

/** A count Webex may omit (a sync still running has none yet) or send as null. */
const count = () => z.number().optional().catch(undefined);
const text = () => z.string().optional().catch(undefined);

export const directorySyncErrorSchema = z.looseObject({
  // The spec types it as a number; a string is accepted too, so a code is never lost to a type quirk.
  errorCode: z.coerce.number().int(),
  description: text(),
});

export const directorySyncStatusSchema = z.looseObject({
  lastSyncStartTime: text(),
  lastSyncEndTime: text(),
  /** NOT_SYNCED, IN_PROGRESS, COMPLETE, FAILED … kept as Webex sends it. */
  syncStatus: text(),
  usersAdded: count(),
  usersUpdated: count(),
  usersDeleted: count(),
  machinesAdded: count(),
  machinesUpdated: count(),
  machinesDeleted: count(),
  totalExternalUsersInCI: count(),
  totalExternalMachinesInCI: count(),
  lastSuccessfulSyncTime: text(),
  lastSyncTrackingId: text(),
  errors: z.array(directorySyncErrorSchema).optional(),
  userContactsAdded: count(),
  userContactsUpdated: count(),
  userContactsDeleted: count(),
  orgContactsAdded: count(),
  orgContactsUpdated: count(),
  orgContactsDeleted: count(),
  totalUserContactsInContactService: count(),
  totalOrgContactsInContactService: count(),
});

export const directorySyncSchema = z.looseObject({
  enableDirSync: z.boolean(),
  directorySyncStatus: directorySyncStatusSchema.optional(),
});

export const enterpriseSchema = z.looseObject({
  id: z.string().min(1),
  orgId: z.string().min(1),
  provisioningId: text(),
  /** The id the service provider gave the enterprise at provisioning, e.g. "Reseller1+acme". */
  spEnterpriseId: z.string(),
  broadworksDirectorySync: directorySyncSchema.optional(),
});

export const externalUserSyncSchema = z.looseObject({
  userResponse: z.looseObject({
    userId: z.string(),
    firstName: text(),
    lastName: text(),
    extension: text(),
    number: text(),
    mobile: text(),
  }),
  /** What the single-user sync did to the user in Webex. */
  status: z.enum(["ADD", "UPDATE", "DELETE", "NO_OPERATION"]),
});

export type DirectorySyncError = z.infer<typeof directorySyncErrorSchema>;
export type DirectorySyncStatus = z.infer<typeof directorySyncStatusSchema>;
export type DirectorySync = z.infer<typeof directorySyncSchema>;
export type Enterprise = z.infer<typeof enterpriseSchema>;
export type ExternalUserSync = z.infer<typeof externalUserSyncSchema>;
