/**
 * @module devices/webex
 * Calls to a customer's Webex organization for device work, and what wxsync says and logs when Webex refuses:
 * Webex's own message and error code, its tracking id, and whether trying again later can help.
 */
import { createGovernor, type Governor } from "@wxsync/core/sync";
import { createWebexClient, WebexApiError } from "@wxsync/core/webex";
import type { CustomerRow } from "../customers/schema.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { writeLog } from "../logs/write.ts";
import { webexAccessFor } from "../sync/webex-access.ts";

export type DeviceWebex = Awaited<ReturnType<typeof customerWebex>>;

/** A client for the customer's org; with a governor, many devices are worked on at the rate Webex allows. */
export async function customerWebex(
  services: Services,
  customer: CustomerRow,
  governor?: Governor,
  options: { retry?: boolean } = {},
) {
  const access = await webexAccessFor(services, customer);
  if (!access.ok) throw new ApiError("CONFLICT", access.message);
  return createWebexClient({
    baseUrl: services.env.WEBEX_API_BASE,
    token: access.token,
    orgId: access.orgId,
    fetch: services.webexFetch,
    sleep: services.sleep,
    // A write that must not be sent twice (creating a device) is not retried; its caller checks what happened.
    ...(options.retry === false ? { maxRetries: 0 } : {}),
    ...(governor
      ? {
          pace: () => governor.pace(),
          onResponse: ({ status, retryAfterSeconds }) => {
            if (status === 429) governor.onThrottled(retryAfterSeconds);
            else if (status >= 200 && status < 300) governor.onSuccess();
          },
        }
      : {}),
  });
}

export const newGovernor = (services: Services) =>
  createGovernor(services.sleep ? { sleep: services.sleep } : {});

/** What a Webex refusal carries, for answers, job items and log entries. */
export function webexFailure(error: unknown) {
  const webex = error instanceof WebexApiError ? error : null;
  return {
    message: error instanceof Error ? error.message : String(error),
    status: webex?.status ?? null,
    code: webex?.details.code ?? null,
    trackingId: webex?.details.trackingId ?? null,
    /** Rate limits, outages and timeouts pass; anything else Webex will refuse again. */
    transient: webex ? webex.transient : true,
  };
}

/** The answer to the API caller: 409 when Webex refused, 502 when it could not answer. */
export function refusal(what: string, error: unknown): ApiError {
  const f = webexFailure(error);
  const detail = [
    f.code ? `Webex error ${f.code}` : null,
    f.trackingId ? `tracking id ${f.trackingId}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return new ApiError(
    f.transient ? "WEBEX_UNAVAILABLE" : "CONFLICT",
    `${what}: Webex answered ${f.status ?? "nothing"}: ${f.message}${detail ? ` (${detail})` : ""}.${f.transient ? " Nothing was changed; try again later." : ""}`,
  );
}

/** The device a log entry is about; a device not yet created has no id, only its MAC. */
export type DeviceRef = { deviceId: string | null; mac?: string | null };

/** A device change in the log, with Webex's tracking id; a refusal with its status and code as well. */
export function logDevice(
  services: Services,
  customerId: string,
  device: DeviceRef,
  message: string,
  outcome: { trackingId?: string | null; error?: unknown; refusedWith?: number | null } = {},
) {
  const f = outcome.error === undefined ? null : webexFailure(outcome.error);
  // A refusal inside a successful answer (validateMacs' per-MAC verdict) is a Webex error all the same.
  const refused = outcome.refusedWith !== undefined;
  return writeLog(services, {
    level: f ? "error" : refused ? "warn" : "info",
    kind: f || refused ? "webex_error" : "action",
    message: f ? `${message}: ${f.message}` : message,
    customerId,
    deviceId: device.deviceId,
    mac: device.mac ?? null,
    webexStatus: f?.status ?? null,
    webexErrorCode: f?.code ?? (outcome.refusedWith ? String(outcome.refusedWith) : null),
    webexTrackingId: f?.trackingId ?? outcome.trackingId ?? null,
  });
}
