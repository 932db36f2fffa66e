/**
 * @module devices/rotate-item
 * One device of a bulk rotation, in the three steps that make a resumed job give no device two new passwords:
 * claim it and seal its new password in one transaction (only under the job's lease, only while it is pending),
 * send the sealed password, record it (only if it is still the one sent). A device found "sent" is sent the same
 * sealed password again.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { CustomerRow } from "../customers/schema.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { logStatement } from "../logs/write.ts";
import {
  dropPendingStatement,
  findCredential,
  generatedBy,
  newPassword,
  pushSealed,
  refusedForGood,
  sealed,
  settleStatement,
} from "./credentials.ts";
import type { ManagedDevice } from "./managed.ts";
import {
  sipRotationItems as items,
  sipRotationJobs as jobs,
  type SipRotationItemRow,
  type SipRotationJobRow,
  sipCredentials,
} from "./schema.ts";
import { type DeviceWebex, webexFailure } from "./webex.ts";

/** A device whose calls keep failing transiently is given up after this many tries. */
const MAX_ATTEMPTS = 5;

export type Work = {
  services: Services;
  job: SipRotationJobRow;
  customer: CustomerRow;
  client: DeviceWebex;
  runner: string;
};

/** One device: claim and seal a new password (unless it was sent before), send it, record it. */
export async function rotateItem(
  { services, job, customer, client, runner }: Work,
  item: SipRotationItemRow,
  known?: ManagedDevice,
) {
  const db = services.db;
  const device: ManagedDevice = known ?? {
    deviceId: item.deviceId,
    name: item.deviceName,
    mac: item.mac,
    model: null,
    managedBy: "PARTNER",
    locationId: item.locationId,
    sipUserName: null,
  };
  const name = item.deviceName ?? item.deviceId;
  // Every write of this runner holds only while it has the job; a runner that lost it changes nothing.
  const ours = sql`EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.id} = ${job.id} AND ${jobs.runner} = ${runner})`;
  // Starting a device needs the job running; finishing one already sent only needs it to be this runner's.
  const held = sql`${ours} AND EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.id} = ${job.id} AND ${jobs.status} = 'running')`;
  const key = and(eq(items.jobId, job.id), eq(items.deviceId, item.deviceId));
  const beat = db
    .update(jobs)
    .set({ updatedAt: services.now().toISOString() })
    .where(and(eq(jobs.id, job.id), eq(jobs.runner, runner)));
  let state = item.state;
  let sent: string | null = null;
  let sending = false;
  try {
    if (item.state === "pending") {
      const values = await sealed(
        services,
        customer.id,
        device,
        await newPassword(client, device, job.source),
        job.source,
      );
      const [, claimed] = await db.batch([
        // Seal and claim in one transaction, both only under the lease and while the device is still pending.
        db
          .update(sipCredentials)
          .set(values)
          .where(
            and(
              eq(sipCredentials.customerId, customer.id),
              eq(sipCredentials.deviceId, item.deviceId),
              held,
              sql`EXISTS (SELECT 1 FROM ${items} WHERE ${items.jobId} = ${job.id} AND ${items.deviceId} = ${item.deviceId} AND ${items.state} = 'pending')`,
            ),
          ),
        db
          .update(items)
          .set({ state: "sent", attempts: sql`${items.attempts} + 1` })
          .where(and(key, eq(items.state, "pending"), held))
          .returning({ deviceId: items.deviceId }),
        beat,
      ]);
      if (claimed.length === 0) return; // another runner has the job: the device is theirs to finish
      state = "sent";
      sent = values.pending;
    } else {
      sent = (await findCredential(services, customer.id, item.deviceId))?.pending ?? null;
      await db.batch([
        db
          .update(items)
          .set({ attempts: sql`${items.attempts} + 1` })
          .where(and(key, held)),
        beat,
      ]);
      if (!sent) {
        // Recorded by a runner that stopped just after: nothing is left to send.
        await db
          .update(items)
          .set({ state: "done", endedAt: services.now().toISOString() })
          .where(and(key, ours));
        return;
      }
    }
    sending = true;
    const { trackingId } = await pushSealed(services, client, customer.id, item.deviceId, sent);
    sending = false;
    const by = `bulk rotation ${job.id} (API key "${job.createdBy ?? "unknown"}")`;
    await db.batch([
      settleStatement(services, customer.id, item.deviceId, sent, by, trackingId),
      db
        .update(items)
        .set({ state: "done", trackingId, message: null, endedAt: services.now().toISOString() })
        .where(and(key, ours)),
      logStatement(services, {
        level: "info",
        kind: "action",
        customerId: customer.id,
        deviceId: item.deviceId,
        mac: item.mac,
        webexTrackingId: trackingId,
        message: `SIP password of ${name} rotated (${generatedBy(job.source)}) by ${by}`,
      }),
      beat,
    ]);
  } catch (error) {
    const f = webexFailure(error);
    const attempts = item.attempts + 1;
    const final = error instanceof ApiError || !f.transient || attempts >= MAX_ATTEMPTS;
    const message = error instanceof ApiError ? error.message : f.message;
    // Only a send Webex refused for good, of a password first sent now, is known not to be on the device.
    const forget =
      sending && item.state === "pending" && sent !== null && refusedForGood(f.status, f.transient);
    await db.batch([
      db
        .update(items)
        .set({
          state: final ? "failed" : state,
          attempts,
          webexStatus: f.status,
          webexErrorCode: f.code,
          trackingId: f.trackingId,
          message: final ? message : `Will retry: ${message}`,
          endedAt: final ? services.now().toISOString() : null,
        })
        .where(and(key, ours, ne(items.state, "done"))),
      ...(forget && sent ? [dropPendingStatement(services, customer.id, item.deviceId, sent)] : []),
      logStatement(services, {
        level: final ? "error" : "warn",
        kind: "webex_error",
        customerId: customer.id,
        deviceId: item.deviceId,
        mac: item.mac,
        webexStatus: f.status,
        webexErrorCode: f.code,
        webexTrackingId: f.trackingId,
        message: `SIP password rotation of ${name} ${final ? "failed" : "will be retried"}: ${message}${final && state === "sent" && !forget ? " (the password sent is kept sealed: Webex may hold it)" : ""}`,
      }),
    ]);
  }
}
