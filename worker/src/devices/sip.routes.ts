/**
 * @module devices/sip-routes
 * The SIP credential of one partner-managed device: what wxsync holds (never the password), a rotation, and the
 * password revealed to an admin who asks. Bulk rotation is in rotations.routes.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { loadCustomer, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { jsonBody, jsonContent } from "../lib/params.ts";
import { credentialOf, reveal, rotateOne } from "./rotate.ts";
import { SIP_SOURCES } from "./schema.ts";
import { DeviceParams, refusals, Source, tags } from "./shared.ts";

const device = "/api/v1/customers/{id}/devices/{deviceId}/sip-password";

const CredentialSchema = z
  .object({
    deviceId: z.string(),
    managed: z.boolean().openapi({ description: "wxsync holds this device's SIP password." }),
    source: z.enum(SIP_SOURCES).nullable(),
    rotatedAt: z.string().nullable(),
    rotatedBy: z.string().nullable(),
    rotations: z.number(),
    trackingId: z.string().nullable().openapi({ description: "Webex's tracking id of the last rotation." }),
    pendingSince: z
      .string()
      .nullable()
      .openapi({ description: "A rotation stopped before Webex confirmed it; its password is kept sealed." }),
  })
  .openapi("SipCredential");

const RevealedSchema = CredentialSchema.extend({
  password: z.string().nullable(),
  pendingPassword: z.string().nullable(),
}).openapi("SipCredentialRevealed");

const routes = {
  status: createRoute({
    method: "get",
    path: device,
    tags,
    summary: "What wxsync holds for the device's SIP registration (never the password)",
    security: bearerSecurity,
    request: { params: DeviceParams },
    responses: {
      200: { description: "The credential", content: jsonContent(CredentialSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
  rotate: createRoute({
    method: "post",
    path: `${device}/rotate`,
    tags,
    summary: "Set a new SIP password on a partner-managed device, at Webex and in the vault",
    description:
      "The new password is sealed before it is sent, sent with PUT /telephony/config/devices/{deviceId}, and kept once Webex accepts it. The answer never contains it: an admin reveals it with .../reveal.",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: DeviceParams, body: jsonBody(z.strictObject({ source: Source })) },
    responses: {
      200: { description: "Rotated", content: jsonContent(CredentialSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
  reveal: createRoute({
    method: "post",
    path: `${device}/reveal`,
    tags,
    summary: "Show the device's SIP password (logged)",
    description:
      "An explicit request of an admin key; every reveal is written to the log with the key's name.",
    security: bearerSecurity,
    middleware: [requireRole("admin")] as const,
    request: { params: DeviceParams },
    responses: {
      200: { description: "The password", content: jsonContent(RevealedSchema) },
      ...errorResponses,
      ...refusals,
    },
  }),
};

export const registerSipRoutes = (app: App) => {
  app.openapi(routes.status, async (c) => {
    const { id, deviceId } = c.req.valid("param");
    const customer = await loadCustomer(c.var.services, c.var.principal, id);
    return c.json(await credentialOf(c.var.services, customer, deviceId), 200);
  });

  app.openapi(routes.rotate, async (c) => {
    const { id, deviceId } = c.req.valid("param");
    const customer = await loadCustomer(c.var.services, c.var.principal, id);
    const { source } = c.req.valid("json");
    return c.json(await rotateOne(c.var.services, c.var.principal, customer, deviceId, source), 200);
  });

  app.openapi(routes.reveal, async (c) => {
    const { id, deviceId } = c.req.valid("param");
    const customer = await loadCustomer(c.var.services, c.var.principal, id);
    const revealed = await reveal(c.var.services, c.var.principal, customer, deviceId);
    // A secret: no cache, no intermediary, no browser history keeps it.
    c.header("cache-control", "no-store");
    return c.json(revealed, 200);
  });
};
