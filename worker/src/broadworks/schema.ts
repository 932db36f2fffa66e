import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * A partner's BroadWorks enterprises as last pulled from Webex, with what wxsync adds: the BroadWorks cluster
 * (Webex does not say it: an administrator sets it, or wxsync learns it from a refused Sync now), and when
 * directory sync was first seen enabled (the first weekly sync is due a week later).
 */
export const bwEnterprises = sqliteTable(
  "bw_enterprises",
  {
    partnerId: text("partner_id").notNull(),
    id: text("id").notNull(),
    orgId: text("org_id").notNull(),
    spEnterpriseId: text("sp_enterprise_id").notNull(),
    provisioningId: text("provisioning_id"),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    enabledAt: text("enabled_at"),
    cluster: text("cluster"),
    clusterSource: text("cluster_source", { enum: ["admin", "learned"] }),
    syncStatus: text("sync_status"),
    /** Webex's directorySyncStatus, as JSON. */
    status: text("status"),
    refreshedAt: text("refreshed_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.id] }),
    index("bw_enterprises_sp_idx").on(t.partnerId, t.spEnterpriseId),
  ],
);

/** Every directory sync status seen, one row per (enterprise, start time, status). */
export const bwSyncHistory = sqliteTable(
  "bw_sync_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: text("partner_id").notNull(),
    enterpriseId: text("enterprise_id").notNull(),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
    syncStatus: text("sync_status").notNull(),
    trackingId: text("tracking_id"),
    status: text("status").notNull(),
    seenAt: text("seen_at").notNull(),
  },
  (t) => [uniqueIndex("bw_sync_history_seen_idx").on(t.partnerId, t.enterpriseId, t.startedAt, t.syncStatus)],
);

export const BW_JOB_STATUSES = ["running", "succeeded", "completed_with_errors", "failed"] as const;

/** "Sync all selected": one Sync now after another, one per cluster at a time; state and checkpoint in D1. */
export const bwJobs = sqliteTable(
  "bw_jobs",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    status: text("status", { enum: BW_JOB_STATUSES }).notNull(),
    state: text("state").notNull(),
    checkpoint: integer("checkpoint").notNull().default(0),
    createdBy: text("created_by"),
    createdAt: text("created_at").notNull(),
    endedAt: text("ended_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("bw_jobs_partner_idx").on(t.partnerId, t.createdAt)],
);

export type BwEnterpriseRow = typeof bwEnterprises.$inferSelect;
export type BwJobRow = typeof bwJobs.$inferSelect;
