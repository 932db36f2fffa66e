/**
 * @module devices/create-device
 * Adding a device by MAC for a user or a workspace, Phonism's way: Webex validates the MAC first (a refusal is
 * answered with Webex's reason and nothing is created), the SIP password is generated before the device so it
 * registers with it from the start, and kept in the vault once Webex has made the device. The create is sent once:
 * if its answer is lost, Webex is asked whether the device exists before wxsync says anything.
 */
import { z } from "@hono/zod-openapi";
import { createDeviceByMac, findDeviceByMac, validateMacs } from "@wxsync/core/sip";
import type { CustomerRow } from "../customers/schema.ts";
import { defaultSyncNames } from "../customers/service.ts";
import type { ApiPrincipal } from "../lib/access.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { normaliseMac } from "../logs/write.ts";
import {
  credentialView,
  findCredential,
  newPassword,
  sealed,
  sealStatement,
  settleStatement,
} from "./credentials.ts";
import type { ManagedDevice } from "./managed.ts";
import { customerWebex, logDevice, refusal, webexFailure } from "./webex.ts";

export const Mac = z.string().min(1, "must not be empty").max(40, "must be at most 40 characters").openapi({
  description: "A MAC address, with or without separators (11:22:33:44:AA:FF, 11223344aaff).",
  example: "11223344AAFF",
});

export const WebexId = z.string().min(1, "must not be empty").max(300, "must be at most 300 characters");

export const CreateBody = z
  .strictObject({
    mac: Mac,
    model: z
      .string()
      .min(1, "must not be empty")
      .max(100, "must be at most 100 characters")
      .openapi({ example: "DMS Cisco 8811" }),
    personId: WebexId.optional().openapi({ description: "The user the device is for (or workspaceId)." }),
    workspaceId: WebexId.optional().openapi({
      description: "The workspace the device is for (or personId).",
    }),
    sipPassword: z.enum(["webex", "local"], { error: "must be webex or local" }).optional().openapi({
      description:
        "Third-party devices: have a SIP password generated (by Webex for the owner's location, or by wxsync), set at creation and kept in the vault.",
    }),
    locationId: WebexId.optional().openapi({
      description: "Where Webex generates the password (sipPassword: webex).",
    }),
  })
  .refine((b) => Boolean(b.personId) !== Boolean(b.workspaceId), {
    message: "give exactly one of personId and workspaceId",
    path: ["personId"],
  })
  .refine((b) => b.sipPassword !== "webex" || Boolean(b.locationId), {
    message: "is needed when sipPassword is webex (Webex generates the password for a location)",
    path: ["locationId"],
  });

export const CreatedSchema = z
  .object({
    deviceId: z.string(),
    mac: z.string(),
    model: z.string(),
    trackingId: z.string().nullable(),
    sipPassword: z
      .object({ managed: z.boolean(), source: z.string().nullable(), rotatedAt: z.string().nullable() })
      .nullable(),
    note: z.string(),
  })
  .openapi("CreatedDevice");

export async function createDevice(
  services: Services,
  principal: ApiPrincipal,
  customer: CustomerRow,
  body: z.infer<typeof CreateBody>,
): Promise<z.infer<typeof CreatedSchema>> {
  const client = await customerWebex(services, customer);
  const ref = { deviceId: null, mac: normaliseMac(body.mac) };
  // The device as far as it is known before Webex creates it.
  const draft: ManagedDevice = {
    deviceId: "",
    name: null,
    mac: ref.mac,
    model: body.model,
    managedBy: null,
    locationId: body.locationId ?? null,
    sipUserName: null,
  };
  // 1. Webex's own verdict on the MAC, before anything is created.
  let verdict: Awaited<ReturnType<typeof validateMacs>>;
  try {
    verdict = await validateMacs(client, [body.mac]);
  } catch (error) {
    throw refusal("MAC validation", error);
  }
  const status = verdict.macStatus[0];
  if (status?.state !== "AVAILABLE") {
    const reason = status?.message ?? `Webex reports the MAC ${status?.state ?? "not validated"}`;
    await logDevice(
      services,
      customer.id,
      ref,
      `Device not created: MAC ${body.mac} refused by Webex: ${reason}`,
      {
        trackingId: verdict.trackingId,
        refusedWith: status?.errorCode ?? null,
      },
    );
    throw new ApiError(
      "CONFLICT",
      `body.mac: Webex refused MAC ${body.mac}: ${reason}${status?.errorCode ? ` (Webex error ${status.errorCode})` : ""}. Nothing was created.`,
    );
  }
  // 2. The password, made before the device so the device registers with it from the start.
  const password = body.sipPassword
    ? await newPassword(client, draft, body.sipPassword).catch((error: unknown) => {
        if (error instanceof ApiError) throw error;
        throw refusal("SIP password generation", error);
      })
    : undefined;
  let created: { device: { id: string }; trackingId: string | null };
  try {
    created = await createDeviceByMac(await customerWebex(services, customer, undefined, { retry: false }), {
      mac: body.mac,
      model: body.model,
      personId: body.personId,
      workspaceId: body.workspaceId,
      password,
    });
  } catch (error) {
    // The answer may be lost while the device was made: ask Webex before saying it was not.
    const found = webexFailure(error).transient
      ? await findDeviceByMac(client, body.mac).catch(() => null)
      : null;
    if (!found) {
      await logDevice(services, customer.id, ref, `Device ${body.model} (MAC ${body.mac}) not created`, {
        error,
      });
      throw refusal(`Creating device ${body.model} (MAC ${body.mac})`, error);
    }
    created = { device: found, trackingId: null };
  }
  const deviceId = created.device.id;
  let sipPassword: z.infer<typeof CreatedSchema>["sipPassword"] = null;
  if (password && body.sipPassword) {
    const values = await sealed(services, customer.id, { ...draft, deviceId }, password, "created");
    await services.db.batch([
      sealStatement(services, customer.id, deviceId, values),
      settleStatement(services, customer.id, deviceId, values.pending, principal.name, created.trackingId),
    ]);
    const view = credentialView(deviceId, await findCredential(services, customer.id, deviceId));
    sipPassword = { managed: view.managed, source: view.source, rotatedAt: view.rotatedAt };
  }
  await logDevice(
    services,
    customer.id,
    { deviceId, mac: ref.mac },
    `Device ${body.model} (MAC ${body.mac}) created for ${body.personId ? `user ${body.personId}` : `workspace ${body.workspaceId}`} by API key "${principal.name}"`,
    { trackingId: created.trackingId },
  );
  return {
    deviceId,
    mac: ref.mac,
    model: body.model,
    trackingId: created.trackingId,
    sipPassword,
    note: `Created at Webex; it appears in wxsync's data after the next run of ${defaultSyncNames(customer.name).devices}.`,
  };
}
