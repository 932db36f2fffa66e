/**
 * @module grants/routes
 * "Refresh Access Token" and Service App credentials for a customer.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createServiceAppToken, tokenResponseSchema } from "@wxsync/core/webex";
import { CustomerSchema, viewCustomers } from "../customers/view.ts";
import { loadCustomer, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { bearerSecurity, errorResponses, refusalDoc } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { partnerGrantFor } from "../sync/webex-access.ts";
import { startTransaction } from "../transactions/recorder.ts";
import { refreshGrant } from "./refresh.ts";
import { findGrant, openAccessToken, saveGrant } from "./store.ts";

const RefreshResultSchema = z
  .object({
    outcome: z.enum(["refreshed", "busy", "not_due", "failed", "revoked"]),
    message: z.string(),
    customer: CustomerSchema,
  })
  .openapi("RefreshResult");

const refresh = createRoute({
  method: "post",
  path: "/api/v1/customers/{id}/tokens/refresh",
  tags: ["Customers"],
  summary: "Refresh Access Token now (the cron trigger also does this every 7 days)",
  security: bearerSecurity,
  middleware: [requireRole("operator")] as const,
  request: { params: IdParam },
  responses: {
    200: {
      description: "The outcome and the customer's token health",
      content: jsonContent(RefreshResultSchema),
    },
    404: refusalDoc("No such customer (or not in the API key's scope)"),
    409: refusalDoc("Not connected, or connected through its partner"),
    ...errorResponses,
  },
});

const ServiceAppSchema = z
  .strictObject({
    applicationId: z.string().min(1, "must not be empty"),
    clientId: z.string().min(1, "must not be empty"),
    clientSecret: z.string().min(1, "must not be empty"),
    tokens: tokenResponseSchema
      .pick({ access_token: true, refresh_token: true })
      // Webex's own answers may carry numbers as text, so the shared schema coerces; a request body is held
      // to the documented integer instead of taking "+1" or [1] for 1.
      .extend({
        expires_in: z.number().int("must be a whole number").positive("must be positive"),
        refresh_token_expires_in: z.number().int("must be a whole number").positive("must be positive"),
      })
      .optional()
      .openapi({
        description:
          "Tokens from the Developer Portal. Omit them to have wxsync request them with the partner's token.",
      }),
  })
  .openapi("ServiceAppCredentials");

const serviceApp = createRoute({
  method: "put",
  path: "/api/v1/customers/{id}/service-app",
  tags: ["Customers"],
  summary:
    "Use an authorized Service App's tokens for this customer (stored encrypted, refreshed like any other)",
  security: bearerSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: IdParam, body: jsonBody(ServiceAppSchema) },
  responses: {
    200: { description: "The customer with its new token health", content: jsonContent(CustomerSchema) },
    404: refusalDoc("No such customer (or not in the API key's scope)"),
    409: refusalDoc(
      "No tokens given, and the customer's org is not among those its partner manages at Webex (the message says so)",
    ),
    502: { description: "Webex refused the Service App token request", content: errorResponses[500].content },
    ...errorResponses,
  },
});

export const registerGrantRoutes = (app: App) => {
  app.openapi(refresh, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    const grant = await findGrant(services, { ownerType: "customer", ownerId: customer.id });
    if (!grant) {
      const hint = customer.partnerId
        ? "it uses its partner's token: refresh the partner instead"
        : "connect it to Webex Control Hub first";
      throw new ApiError("CONFLICT", `${customer.name} has no tokens of its own; ${hint}.`);
    }
    const outcome = await refreshGrant(services, grant.id, { onlyIfDue: false, ownerLabel: customer.name });
    const [view] = await viewCustomers(services, [customer]);
    const message =
      outcome.outcome === "refreshed"
        ? `Refreshed; the access token now expires ${outcome.accessTokenExpiresAt}.`
        : outcome.message;
    return c.json({ outcome: outcome.outcome, message, customer: view! }, 200);
  });

  app.openapi(serviceApp, async (c) => {
    const { services, principal } = c.var;
    const customer = await loadCustomer(services, principal, c.req.valid("param").id);
    const body = c.req.valid("json");
    const owner = { ownerType: "customer" as const, ownerId: customer.id };
    const tx = await startTransaction(services, {
      type: "token_retrieval",
      description: `Store Service App tokens for ${customer.name}`,
      customerId: customer.id,
    });
    let tokens = body.tokens;
    if (!tokens) {
      const partner = await partnerGrantFor(services, customer);
      if (!partner.ok && partner.kind === "not_managed") {
        await tx.fail(partner.message);
        throw new ApiError("CONFLICT", partner.message);
      }
      if (!partner.ok) {
        await tx.fail("No tokens given and no connected partner to request them with.");
        throw new ApiError(
          "BAD_REQUEST",
          "body.tokens: required unless the customer belongs to a connected partner, whose token can request them.",
        );
      }
      const partnerGrant = partner.grant;
      try {
        tokens = await createServiceAppToken(
          {
            baseUrl: services.env.WEBEX_API_BASE,
            fetch: services.webexFetch,
            applicationId: body.applicationId,
            clientId: body.clientId,
            clientSecret: body.clientSecret,
            bearerToken: await openAccessToken(services, partnerGrant),
          },
          customer.orgId,
        );
      } catch (error) {
        const message = `Webex refused the Service App token request: ${error instanceof Error ? error.message : String(error)}. Check that a full administrator of ${customer.name} authorized the Service App in Control Hub.`;
        await tx.fail(message, error);
        throw new ApiError("WEBEX_UNAVAILABLE", message);
      }
    }
    await saveGrant(services, owner, tokens, {
      kind: "service_app",
      authorizedOrgId: customer.orgId,
      serviceApp: {
        applicationId: body.applicationId,
        clientId: body.clientId,
        clientSecret: body.clientSecret,
      },
    });
    await tx.succeed("Service App tokens stored.");
    const [view] = await viewCustomers(services, [customer]);
    return c.json(view!, 200);
  });
};
