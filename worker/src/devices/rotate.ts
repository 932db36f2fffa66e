import type { CustomerRow } from "../customers/schema.ts";
import type { ApiPrincipal } from "../lib/access.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { logStatement } from "../logs/write.ts";
import {
  credentialView,
  dropPendingStatement,
  findCredential,
  generatedBy,
  newPassword,
  openCredential,
  pushSealed,
  refusedForGood,
  sealed,
  sealStatement,
  settleStatement,
} from "./credentials.ts";
import { loadDevice, requirePartnerManaged } from "./managed.ts";
import { runningJob } from "./rotation.ts";
import { customerWebex, logDevice, refusal, webexFailure } from "./webex.ts";

const deviceName = (d: { name: string | null; deviceId: string }) => d.name ?? d.deviceId;
/** A bulk rotation owns the customer's pending passwords while it runs. */
async function refuseDuringJob(services: Services, customer: CustomerRow) {
  const job = await runningJob(services, customer.id);
  if (job)
    throw new ApiError(
      "CONFLICT",
      `A bulk SIP password rotation (job ${job.id}) is running for ${customer.name}; wait for it to end.`,
    );
}

export async function rotateOne(
  services: Services,
  principal: ApiPrincipal,
  customer: CustomerRow,
  deviceId: string,
  source: "webex" | "local",
) {
  const device = requirePartnerManaged(await loadDevice(services, customer, deviceId));
  await refuseDuringJob(services, customer);
  const client = await customerWebex(services, customer);
  const what = `SIP password rotation of ${deviceName(device)}`;
  let password: string;
  try {
    password = await newPassword(client, device, source);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    await logDevice(services, customer.id, device, `${what}: Webex did not generate a password`, { error });
    throw refusal(`${what}: Webex did not generate a password`, error);
  }
  const values = await sealed(services, customer.id, device, password, source);
  await sealStatement(services, customer.id, device.deviceId, values).run();
  let trackingId: string | null;
  try {
    ({ trackingId } = await pushSealed(services, client, customer.id, device.deviceId, values.pending));
  } catch (error) {
    // Refused for good: the device keeps its old password. Throttled, unreachable or a 401: the outcome is
    // unknown, so the pending password stays sealed (an admin's reveal shows it) until the next rotation.
    const f = webexFailure(error);
    if (refusedForGood(f.status, f.transient))
      await dropPendingStatement(services, customer.id, device.deviceId, values.pending).run();
    await logDevice(services, customer.id, device, `${what} refused`, { error });
    throw refusal(what, error);
  }
  // The rotation and its log entry are written together: a rotation Webex accepted is never unlogged.
  await services.db.batch([
    settleStatement(services, customer.id, device.deviceId, values.pending, principal.name, trackingId),
    logStatement(services, {
      level: "info",
      kind: "action",
      customerId: customer.id,
      deviceId: device.deviceId,
      mac: device.mac,
      webexTrackingId: trackingId,
      message: `SIP password of ${deviceName(device)} rotated (${generatedBy(source)}) by API key "${principal.name}"`,
    }),
  ]);
  return credentialView(device.deviceId, await findCredential(services, customer.id, device.deviceId));
}

/** The device as synced, or just its id when it was created here and the devices sync has not run since. */
async function knownDevice(services: Services, customer: CustomerRow, deviceId: string) {
  return loadDevice(services, customer, deviceId).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "NOT_FOUND") return { deviceId, name: null, mac: null };
    throw error;
  });
}

export async function credentialOf(services: Services, customer: CustomerRow, deviceId: string) {
  const row = await findCredential(services, customer.id, deviceId);
  // A device wxsync holds nothing for must at least be one it has synced.
  if (!row) await loadDevice(services, customer, deviceId);
  return credentialView(deviceId, row);
}

/** The password in clear, for an admin who asked for this device's; every reveal is logged. */
export async function reveal(
  services: Services,
  principal: ApiPrincipal,
  customer: CustomerRow,
  deviceId: string,
) {
  const row = await findCredential(services, customer.id, deviceId);
  const device = await knownDevice(services, customer, deviceId);
  if (!row?.password && !row?.pending)
    throw new ApiError(
      "NOT_FOUND",
      `wxsync holds no SIP password for ${deviceName(device)}: rotate it first (POST .../sip-password/rotate).`,
    );
  // Logged first, and not swallowed: a reveal that cannot be logged is refused.
  await logStatement(services, {
    level: "warn",
    kind: "action",
    message: `SIP password of ${deviceName(device)} revealed to API key "${principal.name}"`,
    customerId: customer.id,
    deviceId,
    mac: device.mac,
  }).run();
  const { password, pending } = await openCredential(services, customer.id, row);
  return {
    ...credentialView(deviceId, row),
    password,
    // A rotation stopped between sending and confirming: Webex may hold either password.
    pendingPassword: pending,
  };
}
