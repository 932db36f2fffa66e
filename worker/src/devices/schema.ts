import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { customers } from "../customers/schema.ts";

export const SIP_SOURCES = ["webex", "local", "created"] as const;

/**
 * The SIP password of each partner-managed device wxsync has set, sealed by the vault (never in clear).
 * A rotation is two-phase: the new password is sealed into `pending` before it is sent to Webex and becomes
 * `password` once Webex accepted it, so an interrupted rotation resends the same password instead of a new one.
 */
export const sipCredentials = sqliteTable(
  "sip_credentials",
  {
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    deviceId: text("device_id").notNull(),
    locationId: text("location_id"),
    password: text("password"),
    source: text("source", { enum: SIP_SOURCES }),
    rotatedAt: text("rotated_at"),
    rotatedBy: text("rotated_by"),
    rotations: integer("rotations").notNull().default(0),
    lastTrackingId: text("last_tracking_id"),
    pending: text("pending"),
    pendingSource: text("pending_source", { enum: SIP_SOURCES }),
    pendingSince: text("pending_since"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.deviceId] })],
);

export const ROTATION_JOB_STATUSES = [
  "running",
  "succeeded",
  "completed_with_errors",
  "failed",
  "cancelled",
] as const;
export const ROTATION_ITEM_STATES = ["pending", "sent", "done", "failed"] as const;

/** A bulk rotation for a customer or one of its locations: a durable job, one row per device. */
export const sipRotationJobs = sqliteTable(
  "sip_rotation_jobs",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    locationId: text("location_id"),
    source: text("source", { enum: ["webex", "local"] }).notNull(),
    status: text("status", { enum: ROTATION_JOB_STATUSES }).notNull(),
    total: integer("total").notNull(),
    message: text("message"),
    createdBy: text("created_by"),
    createdAt: text("created_at").notNull(),
    endedAt: text("ended_at"),
    /** The runner (Workflow instance) holding the job; another takes over only once it has gone silent. */
    runner: text("runner"),
    /** Runners the cron started after one went silent; past a limit the job is failed instead of retried forever. */
    resumes: integer("resumes").notNull().default(0),
    /** Beats with every device: a running job silent for minutes has lost its runner (see cron.ts). */
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("sip_rotation_jobs_customer_idx").on(t.customerId, t.createdAt),
    // One running bulk rotation per customer, held by the database: two clicks cannot start two.
    uniqueIndex("sip_rotation_jobs_one_running").on(t.customerId).where(sql`status = 'running'`),
  ],
);

export const sipRotationItems = sqliteTable(
  "sip_rotation_items",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => sipRotationJobs.id, { onDelete: "cascade" }),
    deviceId: text("device_id").notNull(),
    deviceName: text("device_name"),
    mac: text("mac"),
    locationId: text("location_id"),
    /** pending → sent (password sealed in sip_credentials.pending, PUT under way) → done | failed. */
    state: text("state", { enum: ROTATION_ITEM_STATES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    webexStatus: integer("webex_status"),
    webexErrorCode: text("webex_error_code"),
    trackingId: text("tracking_id"),
    message: text("message"),
    endedAt: text("ended_at"),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.deviceId] }),
    index("sip_rotation_items_state_idx").on(t.jobId, t.state),
  ],
);

export type SipCredentialRow = typeof sipCredentials.$inferSelect;
export type SipRotationJobRow = typeof sipRotationJobs.$inferSelect;
export type SipRotationItemRow = typeof sipRotationItems.$inferSelect;
