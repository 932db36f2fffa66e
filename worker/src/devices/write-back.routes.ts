/**
 * @module devices/write-back-routes
 * The writes Phonism makes at Webex, for any customer: validate MACs, create a device by MAC for a user or a
 * workspace (its MAC validated first, its SIP password kept in the vault), apply changes to a device. Each is
 * logged with Webex's tracking id; the synced tables show the result after the next devices sync.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { applyDeviceChanges, validateMacs } from "@wxsync/core/sip";
import { and, eq } from "drizzle-orm";
import { loadCustomer, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { modelColumn, webexDevice } from "../sync/tables.ts";
import { CreateBody, CreatedSchema, createDevice, Mac } from "./create-device.ts";
import { DeviceParams, refusals, tags } from "./shared.ts";
import { customerWebex, logDevice, refusal } from "./webex.ts";

const base = "/api/v1/customers/{id}/devices";
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
    return c.json(await createDevice(services, principal, customer, c.req.valid("json")), 201);
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
