/**
 * @module devices/rotation
 * Bulk SIP password rotation for a customer or one of its locations, as a durable job. Every device is a row
 * with its own state, so a runner that dies anywhere leaves a job the next runner finishes without rotating any
 * device twice:
 * - a device is claimed (pending → sent) in the same transaction that seals its new password, and only by the
 *   runner holding the job's lease;
 * - a device found "sent" had its password sealed but maybe not accepted: the same password is sent again.
 */
import { mapGoverned } from "@wxsync/core/sync";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { ApiPrincipal } from "../api-keys/principal.ts";
import { type CustomerRow, customers } from "../customers/schema.ts";
import { defaultSyncNames } from "../customers/service.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { writeLog, writeLogs } from "../logs/write.ts";
import { dropPendingStatement, newPassword, pushPending, sealed, settleStatement } from "./credentials.ts";
import { type ManagedDevice, partnerManagedDevices } from "./managed.ts";
import { sipRotationItems as items, sipRotationJobs as jobs, sipCredentials } from "./schema.ts";
import { customerWebex, newGovernor, webexFailure } from "./webex.ts";

/** Devices per tick: a tick's Webex calls and D1 statements stay far inside a Workflow step's limits. */
export const ROTATION_BATCH = 25;
/** A device whose calls keep failing transiently is given up after this many tries. */
const MAX_ATTEMPTS = 5;
/** A running job silent this long has lost its runner; the cron starts another (see cron.ts). */
export const STALE_JOB_MS = 3 * 60_000;
// Up to 13 columns per row (items, credentials): D1 binds at most 100 parameters per statement.
const ITEMS_PER_INSERT = 7;

export async function startRotationJob(
  services: Services,
  principal: ApiPrincipal,
  customer: CustomerRow,
  input: { locationId?: string | undefined; source: "webex" | "local" },
) {
  const { locationId, source } = input;
  const running = await services.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.customerId, customer.id), eq(jobs.status, "running")))
    .get();
  if (running)
    throw new ApiError(
      "CONFLICT",
      `Bulk rotation ${running.id} is still running for ${customer.name}; wait for it to end.`,
    );
  const devices = await partnerManagedDevices(services, customer.id, locationId);
  if (devices.length === 0)
    throw new ApiError(
      locationId ? "NOT_FOUND" : "CONFLICT",
      locationId
        ? `body.locationId: ${customer.name} has no synced partner-managed device at location ${locationId}.`
        : `${customer.name} has no synced partner-managed devices: nothing to rotate (run ${defaultSyncNames(customer.name).devices} if some are new).`,
    );
  // Fails early, before anything is written, when the customer is not connected.
  await customerWebex(services, customer);

  const stamp = services.now().toISOString();
  const job = {
    id: crypto.randomUUID(),
    customerId: customer.id,
    locationId: locationId ?? null,
    source,
    status: "running" as const,
    total: devices.length,
    message: null,
    createdBy: principal.name,
    createdAt: stamp,
    endedAt: null,
    runner: null,
    updatedAt: stamp,
  };
  const rows = devices.map((d) => ({
    jobId: job.id,
    deviceId: d.deviceId,
    deviceName: d.name,
    mac: d.mac,
    locationId: d.locationId,
    state: "pending" as const,
  }));
  const inserts = [];
  for (let i = 0; i < rows.length; i += ITEMS_PER_INSERT)
    inserts.push(services.db.insert(items).values(rows.slice(i, i + ITEMS_PER_INSERT)));
  // Every device gets its credential row now, so the runner only ever updates one (under its lease).
  const credentials = devices.map((d) => ({
    customerId: customer.id,
    deviceId: d.deviceId,
    locationId: d.locationId,
    updatedAt: stamp,
  }));
  for (let i = 0; i < credentials.length; i += ITEMS_PER_INSERT)
    inserts.push(
      services.db
        .insert(sipCredentials)
        .values(credentials.slice(i, i + ITEMS_PER_INSERT))
        .onConflictDoNothing(),
    );
  await services.db.batch([services.db.insert(jobs).values(job), ...inserts]);
  await services.env.SIP_ROTATION_WORKFLOW.create({ id: job.id, params: { jobId: job.id } });
  await writeLog(services, {
    level: "info",
    kind: "action",
    customerId: customer.id,
    message: `Bulk SIP password rotation ${job.id} of ${devices.length} partner-managed devices${locationId ? ` at location ${locationId}` : ""} started by API key "${principal.name}"`,
  });
  return job;
}

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
  let client: Awaited<ReturnType<typeof customerWebex>>;
  try {
    client = await customerWebex(services, customer, governor);
  } catch (error) {
    return finish(services, jobId, error instanceof Error ? error.message : String(error));
  }
  const details = new Map(
    (await partnerManagedDevices(services, customer.id)).map((d) => [d.deviceId, d] as const),
  );
  const held = sql`EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.id} = ${jobId} AND ${jobs.runner} = ${runner})`;
  const key = (deviceId: string) => and(eq(items.jobId, jobId), eq(items.deviceId, deviceId));
  const logs: Parameters<typeof writeLogs>[1] = [];
  const by = `bulk rotation ${jobId} (API key "${job.createdBy ?? "unknown"}")`;

  await mapGoverned(governor, batch, async (item) => {
    const device: ManagedDevice = details.get(item.deviceId) ?? {
      deviceId: item.deviceId,
      name: item.deviceName,
      mac: item.mac,
      model: null,
      managedBy: "PARTNER",
      locationId: item.locationId,
      sipUserName: null,
    };
    const name = item.deviceName ?? item.deviceId;
    try {
      if (item.state === "pending") {
        const values = await sealed(
          services,
          customer.id,
          device,
          await newPassword(client, device, job.source),
          job.source,
        );
        const stillPending = sql`EXISTS (SELECT 1 FROM ${items} WHERE ${items.jobId} = ${jobId} AND ${items.deviceId} = ${item.deviceId} AND ${items.state} = 'pending')`;
        // Seal and claim in one transaction, both only while this runner holds the job.
        const seal = services.db
          .update(sipCredentials)
          .set(values)
          .where(
            and(
              eq(sipCredentials.customerId, customer.id),
              eq(sipCredentials.deviceId, item.deviceId),
              held,
              stillPending,
            ),
          );
        const [, claimed] = await services.db.batch([
          seal,
          services.db
            .update(items)
            .set({ state: "sent", attempts: sql`${items.attempts} + 1` })
            .where(and(key(item.deviceId), eq(items.state, "pending"), held))
            .returning({ deviceId: items.deviceId }),
          services.db
            .update(jobs)
            .set({ updatedAt: services.now().toISOString() })
            .where(and(eq(jobs.id, jobId), eq(jobs.runner, runner))),
        ]);
        if (claimed.length === 0) return; // another runner has the job, or the device: theirs to finish
      } else {
        await services.db
          .update(items)
          .set({ attempts: sql`${items.attempts} + 1` })
          .where(key(item.deviceId));
      }
      const { trackingId } = await pushPending(services, client, customer.id, item.deviceId);
      const stamp = services.now().toISOString();
      await services.db.batch([
        settleStatement(services, customer.id, item.deviceId, by, trackingId),
        services.db
          .update(items)
          .set({ state: "done", trackingId, message: null, endedAt: stamp })
          .where(key(item.deviceId)),
      ]);
      logs.push({
        level: "info",
        kind: "action",
        customerId: customer.id,
        deviceId: item.deviceId,
        mac: item.mac,
        webexTrackingId: trackingId,
        message: `SIP password of ${name} rotated (${job.source === "webex" ? "generated by Webex" : "generated by wxsync"}) by ${by}`,
      });
    } catch (error) {
      const f = webexFailure(error);
      const attempts = item.attempts + 1;
      const final = error instanceof ApiError || !f.transient || attempts >= MAX_ATTEMPTS;
      const message = error instanceof ApiError ? error.message : f.message;
      await services.db.batch([
        services.db
          .update(items)
          .set({
            state: final ? "failed" : item.state === "pending" ? "pending" : "sent",
            attempts,
            webexStatus: f.status,
            webexErrorCode: f.code,
            trackingId: f.trackingId,
            message: final ? message : `Will retry: ${message}`,
            endedAt: final ? services.now().toISOString() : null,
          })
          .where(key(item.deviceId)),
        // Refused for good: the device keeps its old password, the sealed one is forgotten.
        ...(final && !f.transient ? [dropPendingStatement(services, customer.id, item.deviceId)] : []),
      ]);
      logs.push({
        level: final ? "error" : "warn",
        kind: "webex_error",
        customerId: customer.id,
        deviceId: item.deviceId,
        mac: item.mac,
        webexStatus: f.status,
        webexErrorCode: f.code,
        webexTrackingId: f.trackingId,
        message: `SIP password rotation of ${name} ${final ? "failed" : "will be retried"}: ${message}`,
      });
    }
  });
  await writeLogs(services, logs);
  return "running";
}

/** Ends the job once no device is left to do (or it cannot go on), with a summary in the log. */
async function finish(services: Services, jobId: string, failure?: string): Promise<string> {
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
