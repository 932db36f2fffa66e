/**
 * @module devices/rotation
 * Bulk SIP password rotation for a customer or one of its locations, as a durable job. Every device is a row
 * with its own state, so a runner that dies anywhere leaves a job the next runner finishes without giving any
 * device two new passwords:
 * - a device is claimed (pending → sent) in the same transaction that seals its new password, and only by the
 *   runner holding the job's lease;
 * - a device found "sent" had its password sealed but maybe not accepted: the same sealed password is sent again;
 * - a password is recorded as the device's only if it is still the one that was sent.
 */
import { mapGoverned } from "@wxsync/core/sync";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { type CustomerRow, customers } from "../customers/schema.ts";
import { defaultSyncNames } from "../customers/service.ts";
import type { ApiPrincipal } from "../lib/access.ts";
import { conflictFrom } from "../lib/conflict.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { writeLog } from "../logs/write.ts";
import { webexDeviceCallingDetails as details, modelColumn } from "../sync/tables.ts";
import { partnerManagedDevices, partnerManagedWhere } from "./managed.ts";
import { rotateItem } from "./rotate-item.ts";
import {
  sipRotationItems as items,
  sipRotationJobs as jobs,
  type SipRotationJobRow,
  sipCredentials,
} from "./schema.ts";
import { customerWebex, type DeviceWebex, newGovernor } from "./webex.ts";

/** Devices per tick: a tick's Webex calls and D1 statements stay far inside a Workflow step's limits. */
export const ROTATION_BATCH = 25;
/**
 * A running job silent this long has lost its runner; the cron starts another (see cron.ts). Runners beat after
 * every device, and one Webex call waits out at most a few minutes of rate limiting.
 */
export const STALE_JOB_MS = 10 * 60_000;
/** Runners started for one job before it is failed instead of resumed again (a fault that repeats). */
export const MAX_RESUMES = 12;

export async function startRotationJob(
  services: Services,
  principal: ApiPrincipal,
  customer: CustomerRow,
  input: { locationId?: string | undefined; source: "webex" | "local" },
) {
  const { locationId, source } = input;
  const count = await services.db
    .select({ n: sql<number>`count(*)` })
    .from(details)
    .where(partnerManagedWhere(customer.id, locationId))
    .get();
  const total = count?.n ?? 0;
  if (total === 0)
    throw new ApiError(
      locationId ? "NOT_FOUND" : "CONFLICT",
      locationId
        ? `body.locationId: ${customer.name} has no synced partner-managed device at location ${locationId}.`
        : `${customer.name} has no synced partner-managed devices: nothing to rotate (run ${defaultSyncNames(customer.name).devices} if some are new).`,
    );
  // Fails early, before anything is written, when the customer is not connected.
  await customerWebex(services, customer);

  const stamp = services.now().toISOString();
  const job: SipRotationJobRow = {
    id: crypto.randomUUID(),
    customerId: customer.id,
    locationId: locationId ?? null,
    source,
    status: "running",
    total,
    message: null,
    createdBy: principal.name,
    createdAt: stamp,
    endedAt: null,
    runner: null,
    resumes: 0,
    updatedAt: stamp,
  };
  const where = partnerManagedWhere(customer.id, locationId);
  // Three statements whatever the number of devices: each device's row and its credential row (the runner
  // then only ever updates one, under its lease).
  await services.db
    .batch([
      services.db.insert(jobs).values(job),
      // Every column in the table's order, as drizzle's insert-from-select requires.
      services.db.insert(items).select(
        sql`SELECT ${job.id}, ${details.id}, ${modelColumn(details, "deviceName")}, ${modelColumn(details, "mac")},
                   ${modelColumn(details, "locationId")}, 'pending', 0, NULL, NULL, NULL, NULL, NULL
            FROM ${details} WHERE ${where}`,
      ),
      services.db
        .insert(sipCredentials)
        .select(
          sql`SELECT ${customer.id}, ${details.id}, ${modelColumn(details, "locationId")}, NULL, NULL, NULL, NULL, 0,
                     NULL, NULL, NULL, NULL, ${stamp}
              FROM ${details} WHERE ${where}`,
        )
        .onConflictDoNothing(),
    ])
    .catch(
      conflictFrom(principal, {
        // One running job per customer: the one in the way is this customer's own.
        "sip_rotation_jobs.customer_id": {
          ownCustomer: true,
          message: async () =>
            `Bulk rotation ${(await runningJob(services, customer.id))?.id ?? ""} is still running for ${customer.name}; wait for it to end or cancel it.`,
        },
      }),
    );
  await services.env.SIP_ROTATION_WORKFLOW.create({ id: job.id, params: { jobId: job.id } });
  await writeLog(services, {
    level: "info",
    kind: "action",
    customerId: customer.id,
    message: `Bulk SIP password rotation ${job.id} of ${total} partner-managed devices${locationId ? ` at location ${locationId}` : ""} started by API key "${principal.name}"`,
  });
  return job;
}

export const runningJob = (services: Services, customerId: string) =>
  services.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.customerId, customerId), eq(jobs.status, "running")))
    .get();

/** Takes or renews the job's lease: free, already ours, or left by a runner silent for STALE_JOB_MS. */
async function holdLease(services: Services, jobId: string, runner: string) {
  const now = services.now();
  const held = await services.db
    .update(jobs)
    .set({ runner, updatedAt: now.toISOString() })
    .where(
      and(
        eq(jobs.id, jobId),
        eq(jobs.status, "running"),
        or(
          eq(jobs.runner, runner),
          isNull(jobs.runner),
          lt(jobs.updatedAt, new Date(now.getTime() - STALE_JOB_MS).toISOString()),
        ),
      ),
    )
    .returning({ id: jobs.id });
  return held.length > 0;
}

/** Rotates the next batch of devices. Returns the job's status ("superseded" when another runner holds it). */
export async function advanceRotation(services: Services, jobId: string, runner: string): Promise<string> {
  const job = await services.db.select().from(jobs).where(eq(jobs.id, jobId)).get();
  if (job?.status !== "running") return job?.status ?? "missing";
  if (!(await holdLease(services, jobId, runner))) return "superseded";
  const customer = await services.db.select().from(customers).where(eq(customers.id, job.customerId)).get();
  if (!customer) return finish(services, jobId, "The customer was deleted.");

  // Interrupted devices first: their sealed password must reach Webex before anything new is made.
  const batch = await services.db
    .select()
    .from(items)
    .where(and(eq(items.jobId, jobId), inArray(items.state, ["sent", "pending"])))
    .orderBy(sql`CASE ${items.state} WHEN 'sent' THEN 0 ELSE 1 END`, items.deviceId)
    .limit(ROTATION_BATCH)
    .all();
  if (batch.length === 0) return finish(services, jobId);

  const governor = newGovernor(services);
  let client: DeviceWebex;
  try {
    client = await customerWebex(services, customer, governor);
  } catch (error) {
    // Not connected any more: nothing can go on. Anything else (D1 hiccup) is the step's to retry.
    if (error instanceof ApiError) return finish(services, jobId, error.message);
    throw error;
  }
  const known = new Map(
    (
      await partnerManagedDevices(
        services,
        customer.id,
        undefined,
        batch.map((i) => i.deviceId),
      )
    ).map((d) => [d.deviceId, d] as const),
  );
  const work = { services, job, customer, client, runner };
  await mapGoverned(governor, batch, (item) => rotateItem(work, item, known.get(item.deviceId)));
  return "running";
}

/** Stops a running job: devices not yet sent stay as they are; a device sent keeps its sealed password. */
export async function cancelRotation(
  services: Services,
  principal: ApiPrincipal,
  customer: CustomerRow,
  jobId: string,
) {
  const stamp = services.now().toISOString();
  const stopped = await services.db
    .update(jobs)
    .set({
      status: "cancelled",
      message: `Cancelled by API key "${principal.name}".`,
      endedAt: stamp,
      updatedAt: stamp,
    })
    .where(and(eq(jobs.id, jobId), eq(jobs.customerId, customer.id), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  if (stopped.length === 0) return false;
  await services.db
    .update(items)
    .set({ state: "failed", message: "Cancelled before it was rotated.", endedAt: stamp })
    .where(and(eq(items.jobId, jobId), eq(items.state, "pending")));
  await writeLog(services, {
    level: "warn",
    kind: "action",
    customerId: customer.id,
    message: `Bulk SIP password rotation ${jobId} cancelled by API key "${principal.name}".`,
  });
  return true;
}

/** Ends the job once no device is left to do (or it cannot go on), with a summary in the log. */
export async function finish(services: Services, jobId: string, failure?: string): Promise<string> {
  const stamp = services.now().toISOString();
  if (failure)
    await services.db
      .update(items)
      .set({ state: "failed", message: failure, endedAt: stamp })
      .where(and(eq(items.jobId, jobId), inArray(items.state, ["pending", "sent"])));
  const counts = await services.db
    .select({ state: items.state, n: sql<number>`count(*)` })
    .from(items)
    .where(eq(items.jobId, jobId))
    .groupBy(items.state)
    .all();
  const count = (state: string) => counts.find((c) => c.state === state)?.n ?? 0;
  const status = failure ? "failed" : count("failed") > 0 ? "completed_with_errors" : "succeeded";
  const ended = await services.db
    .update(jobs)
    .set({ status, message: failure ?? null, endedAt: stamp, updatedAt: stamp })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, "running")))
    .returning({ customerId: jobs.customerId });
  if (ended[0])
    await writeLog(services, {
      level: status === "succeeded" ? "info" : "warn",
      kind: "action",
      customerId: ended[0].customerId,
      message: `Bulk SIP password rotation ${jobId} ended: ${count("done")} rotated, ${count("failed")} failed${failure ? ` (${failure})` : ""}.`,
    });
  return status;
}
