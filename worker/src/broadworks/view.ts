/**
 * @module broadworks/view
 * An enterprise as an administrator reads it: its last sync with every count, errors explained in plain
 * words, the schedule (next weekly sync, the 24-hour retry after a failure, overdue) and contact warnings.
 */
import { z } from "@hono/zod-openapi";
import {
  contactWarnings,
  type DirectorySyncStatus,
  directorySyncStatusSchema,
  explainBroadworksError,
  syncSchedule,
} from "@wxsync/core/broadworks";
import type { BwEnterpriseRow } from "./schema.ts";

export const ExplainedErrorSchema = z
  .object({
    code: z.number(),
    known: z.boolean(),
    meaning: z.string(),
    action: z.string(),
    description: z.string().nullable().openapi({ description: "Webex's own text, when it sent one." }),
  })
  .openapi("BroadWorksError");

export const EnterpriseSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    spEnterpriseId: z.string(),
    provisioningId: z.string().nullable(),
    enabled: z.boolean(),
    enabledAt: z.string().nullable(),
    cluster: z.string().nullable(),
    clusterSource: z.enum(["admin", "learned"]).nullable(),
    syncStatus: z.string().nullable(),
    lastSync: z.record(z.string(), z.unknown()).nullable().openapi({
      description:
        "Webex's directorySyncStatus: times, users/machines/contacts added, updated, deleted, totals, tracking id.",
    }),
    errors: z.array(ExplainedErrorSchema),
    schedule: z.object({
      nextExpectedSyncAt: z.string().nullable(),
      retryAt: z.string().nullable(),
      overdue: z.boolean(),
      note: z.string(),
    }),
    contactWarnings: z.array(z.string()),
    refreshedAt: z.string(),
  })
  .openapi("BroadWorksEnterprise");

export type EnterpriseView = z.infer<typeof EnterpriseSchema>;

export function parseStatus(row: Pick<BwEnterpriseRow, "status">): DirectorySyncStatus | null {
  if (!row.status) return null;
  const parsed = directorySyncStatusSchema.safeParse(JSON.parse(row.status));
  return parsed.success ? parsed.data : null;
}

export function explainErrors(status: DirectorySyncStatus | null) {
  return (status?.errors ?? []).map((e) => ({
    ...explainBroadworksError(e.errorCode),
    description: e.description ?? null,
  }));
}

export function viewEnterprise(row: BwEnterpriseRow, now: Date): EnterpriseView {
  const status = parseStatus(row);
  return {
    id: row.id,
    orgId: row.orgId,
    spEnterpriseId: row.spEnterpriseId,
    provisioningId: row.provisioningId,
    enabled: row.enabled,
    enabledAt: row.enabledAt,
    cluster: row.cluster,
    clusterSource: row.clusterSource,
    syncStatus: row.syncStatus,
    lastSync: row.status ? (JSON.parse(row.status) as Record<string, unknown>) : null,
    errors: explainErrors(status),
    schedule: syncSchedule({ enabled: row.enabled, status, enabledAt: row.enabledAt }, now),
    contactWarnings: contactWarnings(status),
    refreshedAt: row.refreshedAt,
  };
}
