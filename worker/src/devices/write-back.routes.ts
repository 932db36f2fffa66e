/**
 * @module devices/write-back-routes
 * The writes Phonism makes at Webex, for any customer: validate MACs, create a device by MAC for a user or a
 * workspace (its MAC validated first, its SIP password kept in the vault), apply changes to a device. Each is
 * logged with Webex's tracking id; the synced tables show the result after the next devices sync.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { applyDeviceChanges, createDeviceByMac, findDeviceByMac, validateMacs } from "@wxsync/core/sip";
import { and, eq } from "drizzle-orm";
import { requireRole } from "../api-keys/auth.ts";
import { loadCustomer } from "../customers/access.ts";
import { defaultSyncNames } from "../customers/service.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { normaliseMac } from "../logs/write.ts";
import { modelColumn, webexDevice } from "../sync/tables.ts";
import {
  credentialView,
  findCredential,
  newPassword,
  sealed,
  sealStatement,
  settleStatement,
} from "./credentials.ts";
import type { ManagedDevice } from "./managed.ts";
import { DeviceParams } from "./sip.routes.ts";
import { customerWebex, logDevice, refusal, webexFailure } from "./webex.ts";

const tags = ["Devices"];
const base = "/api/v1/customers/{id}/devices";
const refusals = {
  404: { description: "No such customer or synced device", content: errorResponses[401].content },
  409: {
    description: "Refused by Webex or not connected (see the message)",
    content: errorResponses[401].content,
  },
  502: { description: "Webex could not be reached; nothing changed", content: errorResponses[401].content },
};

const Mac = z.string().min(1, "must not be empty").max(40, "must be at most 40 characters").openapi({
  description: "A MAC address, with or without separators (11:22:33:44:AA:FF, 11223344aaff).",
  example: "11223344AAFF",
});

const MacStatusSchema = z
  .object({
    mac: z.string(),
    state: z.string().openapi({ description: "AVAILABLE, or UNAVAILABLE with Webex's reason." }),
    errorCode: z.number().nullable(),
    message: z.string().nullable(),
  })
  .openapi("MacStatus");

const ValidationSchema = z
  .object({ status: z.string(), macs: z.array(MacStatusSchema), trackingId: z.string().nullable() })
  .openapi("MacValidation");

const WebexId = z.string().min(1, "must not be empty").max(300, "must be at most 300 characters");

const CreateBody = z
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

const CreatedSchema = z
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

const routes = {
  validate: createRoute({
    method: "post",
    path: `${base}/validate-macs`,
    tags,
    summary: "Ask Webex whether MAC addresses can be added (validateMacs)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: {
      params: IdParam,
      body: jsonBody(
        z.strictObject({
          macs: z.array(Mac).min(1, "must list at least one MAC").max(100, "must list at most 100 MACs"),
        }),
      ),
    },
    responses: {
      200: { description: "Each MAC's state", content: jsonContent(ValidationSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Add a device by MAC for a user or workspace (the MAC is validated first)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: IdParam, body: jsonBody(CreateBody) },
    responses: {
      201: { description: "Created at Webex", content: jsonContent(CreatedSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
  apply: createRoute({
    method: "post",
    path: "/api/v1/customers/{id}/devices/{deviceId}/apply-changes",
    tags,
    summary: "Ask the device to download and apply its configuration (applyChanges)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: DeviceParams },
    responses: {
      200: {
        description: "Sent to the device",
        content: jsonContent(z.object({ deviceId: z.string(), trackingId: z.string().nullable() })),
      },
      ...errorResponses,
      ...refusals,
    },
  }),
};

const macView = (s: {
  mac: string;
  state: string;
  errorCode?: number | undefined;
  message?: string | undefined;
}) => ({
  mac: s.mac,
  state: s.state,
  errorCode: s.errorCode ?? null,
  message: s.message ?? null,
});

export const registerDeviceWriteRoutes = (app: App) => {
  app.openapi(routes.validate, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    const client = await customerWebex(services, customer);
    const { macs } = c.req.valid("json");
    try {
      const result = await validateMacs(client, macs);
      return c.json(
        { status: result.status, macs: result.macStatus.map(macView), trackingId: result.trackingId },
        200,
      );
    } catch (error) {
      throw refusal("MAC validation", error);
    }
  });

  app.openapi(routes.create, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    const body = c.req.valid("json");
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
      created = await createDeviceByMac(
        await customerWebex(services, customer, undefined, { retry: false }),
        {
          mac: body.mac,
          model: body.model,
          personId: body.personId,
          workspaceId: body.workspaceId,
          password,
        },
      );
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
    return c.json(
      {
        deviceId,
        mac: ref.mac,
        model: body.model,
        trackingId: created.trackingId,
        sipPassword,
        note: `Created at Webex; it appears in wxsync's data after the next run of ${defaultSyncNames(customer.name).devices}.`,
      },
      201,
    );
  });

  app.openapi(routes.apply, async (c) => {
    const { services, principal } = c.var;
    const { id, deviceId } = c.req.valid("param");
    const customer = await loadCustomer(services, principal, id);
    const known = await services.db
      .select({
        id: webexDevice.id,
        label: webexDevice.label,
        mac: modelColumn<string | null>(webexDevice, "mac"),
      })
      .from(webexDevice)
      .where(and(eq(webexDevice.customerId, customer.id), eq(webexDevice.id, deviceId)))
      .get();
    if (!known) throw new ApiError("NOT_FOUND", `No synced device ${deviceId} for ${customer.name}.`);
    const client = await customerWebex(services, customer);
    const ref = { deviceId, mac: known.mac };
    try {
      const { trackingId } = await applyDeviceChanges(client, deviceId);
      await logDevice(
        services,
        customer.id,
        ref,
        `Apply changes sent to ${known.label ?? deviceId} by API key "${principal.name}"`,
        {
          trackingId,
        },
      );
      return c.json({ deviceId, trackingId }, 200);
    } catch (error) {
      await logDevice(services, customer.id, ref, `Apply changes to ${known.label ?? deviceId} refused`, {
        error,
      });
      throw refusal(`Apply changes to ${known.label ?? deviceId}`, error);
    }
  });
};
