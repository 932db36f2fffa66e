/**
 * @module oauth/connect
 * "Connect to Webex Control Hub": the redirect to Webex's consent page and the callback that stores the
 * tokens. The callback is opened by the administrator's browser, so it answers with a page, not JSON.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  authorizeUrl,
  createWebexClient,
  exchangeCode,
  personMeSchema,
  sameOrg,
  WebexApiError,
} from "@wxsync/core/webex";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { customers } from "../customers/schema.ts";
import type { GrantOwner } from "../grants/store.ts";
import { saveGrant } from "../grants/store.ts";
import { loadCustomer, requireAllCustomers, requireRole } from "../lib/access.ts";
import type { App, AppEnv } from "../lib/app-env.ts";
import { ApiError } from "../lib/errors.ts";
import { html, page, pageHeaders } from "../lib/html.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { ownOrigin } from "../lib/origin.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { partners } from "../partners/schema.ts";
import { startTransaction } from "../transactions/recorder.ts";
import { afterConnect } from "./after-connect.ts";
import { consumeState, createState, STATE_TTL_MS } from "./state.ts";

const ConnectSchema = z.object({ authorizeUrl: z.url(), expiresAt: z.string() }).openapi("ConnectLink");

const connectResponses = {
  200: {
    description: "With `Accept: application/json`: the Webex sign-in URL to open",
    content: jsonContent(ConnectSchema),
  },
  302: { description: "Otherwise: a redirect to Webex's sign-in and consent page" },
  503: {
    description: "The worker has no Webex integration, or no public origin, configured",
    content: errorResponses[500].content,
  },
  ...errorResponses,
};

const connectCustomer = createRoute({
  method: "get",
  path: "/api/v1/customers/{id}/connect",
  tags: ["Customers"],
  summary: "Connect to Webex Control Hub: sign in as an administrator of the customer's organization",
  security: bearerSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: IdParam },
  responses: connectResponses,
});

const connectPartner = createRoute({
  method: "get",
  path: "/api/v1/partners/{id}/connect",
  tags: ["Partners"],
  summary: "Connect to Webex as a partner administrator",
  security: bearerSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: IdParam },
  responses: connectResponses,
});

/** The callback's answers are pages for the administrator's browser, and the document says so. */
const htmlPage = { "text/html": { schema: z.string() } };

const callback = createRoute({
  method: "get",
  path: "/oauth/callback",
  tags: ["Customers"],
  summary: "Where Webex sends the administrator back after consent (opened by the browser)",
  request: {
    query: z.object({
      code: z.string().optional(),
      state: z.string().optional(),
      error: z.string().optional(),
      error_description: z.string().optional(),
    }),
  },
  responses: {
    200: { description: "Connected", content: htmlPage },
    400: { description: "Not connected, and why", content: htmlPage },
    502: { description: "Webex failed", content: htmlPage },
  },
});

/** Where Webex sends the administrator back: configured, never taken from a deployed worker's request. */
function redirectUri(c: Context<AppEnv>) {
  const { env } = c.var.services;
  if (env.OAUTH_REDIRECT_URI) return env.OAUTH_REDIRECT_URI;
  const origin = ownOrigin(env, c.req.url);
  if (!origin)
    throw new ApiError(
      "SERVICE_UNAVAILABLE",
      "Connecting needs the worker's public origin: set PUBLIC_ORIGIN (e.g. https://wxsync.example.com) in wrangler.jsonc vars, or OAUTH_REDIRECT_URI.",
    );
  return `${origin}/oauth/callback`;
}

async function startConnect(c: Context<AppEnv>, owner: GrantOwner) {
  const { env } = c.var.services;
  if (!env.WEBEX_CLIENT_ID || !env.WEBEX_CLIENT_SECRET) {
    throw new ApiError(
      "SERVICE_UNAVAILABLE",
      "Connecting needs a Webex integration: set WEBEX_CLIENT_ID and the WEBEX_CLIENT_SECRET secret on the worker.",
    );
  }
  const uri = redirectUri(c);
  const state = await createState(c.var.services, owner, uri);
  const url = authorizeUrl(
    { baseUrl: env.WEBEX_API_BASE, clientId: env.WEBEX_CLIENT_ID },
    { redirectUri: uri, state },
  );
  if ((c.req.header("accept") ?? "").includes("application/json")) {
    return c.json(
      { authorizeUrl: url, expiresAt: new Date(c.var.services.now().getTime() + STATE_TTL_MS).toISOString() },
      200,
    );
  }
  return c.redirect(url, 302);
}

async function loadOwner(services: Services, owner: GrantOwner) {
  const table = owner.ownerType === "customer" ? customers : partners;
  return services.db.select().from(table).where(eq(table.id, owner.ownerId)).get();
}

/** A result page for the administrator's browser, which can run, load and frame nothing (pageHeaders). */
const result = async (
  c: Context<AppEnv>,
  status: 200 | 400 | 404 | 502,
  title: string,
  message: string,
  detail?: string,
) =>
  c.html(
    page(
      title,
      html`<h1 class="${status === 200 ? "ok" : "bad"}">${title}</h1><p>${message}</p>${detail ? html`<p class="muted">${detail}</p>` : ""}<p class="muted">You can close this tab.</p>`,
    ),
    status,
    await pageHeaders(),
  );

export const registerConnectRoutes = (app: App) => {
  app.openapi(connectCustomer, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    return startConnect(c, { ownerType: "customer", ownerId: customer.id });
  });

  app.openapi(connectPartner, async (c) => {
    requireAllCustomers(c.var.principal);
    const partner = await loadOwner(c.var.services, {
      ownerType: "partner",
      ownerId: c.req.valid("param").id,
    });
    if (!partner) throw new ApiError("NOT_FOUND", "No such partner.");
    return startConnect(c, { ownerType: "partner", ownerId: partner.id });
  });

  app.openapi(callback, async (c) => {
    const { services } = c.var;
    const query = c.req.valid("query");
    if (query.error) {
      return result(
        c,
        400,
        "Not connected",
        `Webex did not grant access: ${query.error_description ?? query.error}.`,
        "Start again from Connect to Webex Control Hub and accept the requested access.",
      );
    }
    if (!query.code || !query.state)
      return result(
        c,
        400,
        "Not connected",
        "This page needs the code and state Webex sends back; open it only through Connect to Webex Control Hub.",
      );
    const consumed = await consumeState(services, query.state);
    if (!consumed.ok) return result(c, 400, "Not connected", consumed.message);
    const owner = { ownerType: consumed.value.ownerType, ownerId: consumed.value.ownerId };
    const record = await loadOwner(services, owner);
    if (!record)
      return result(
        c,
        404,
        "Not connected",
        "The customer or partner this sign-in was for no longer exists in wxsync.",
      );

    const tx = await startTransaction(services, {
      type: "token_retrieval",
      description: `Connect ${record.name} to Webex Control Hub`,
      customerId: owner.ownerType === "customer" ? owner.ownerId : null,
      partnerId: owner.ownerType === "partner" ? owner.ownerId : null,
    });
    const { env } = services;
    try {
      const tokens = await exchangeCode(
        {
          baseUrl: env.WEBEX_API_BASE,
          clientId: env.WEBEX_CLIENT_ID ?? "",
          clientSecret: env.WEBEX_CLIENT_SECRET ?? "",
          fetch: services.webexFetch,
        },
        query.code,
        consumed.value.redirectUri,
      );
      await tx.progress(30, "Tokens received; checking the organization.");
      const webex = createWebexClient({
        baseUrl: env.WEBEX_API_BASE,
        token: () => tokens.access_token,
        fetch: services.webexFetch,
        sleep: services.sleep,
      });
      const me = personMeSchema.parse(await webex.get("/people/me"));
      if (!sameOrg(me.orgId, record.orgId)) {
        const who = me.emails?.[0] ?? me.displayName ?? "this administrator";
        const message = `You signed in as ${who}, who belongs to another Webex organization than ${record.name} (${record.orgUuid}). Nothing was stored. Sign in with an administrator of ${record.name}'s organization.`;
        await tx.fail(message);
        return result(c, 400, "Wrong organization", message);
      }
      await saveGrant(services, owner, tokens, {
        kind: "integration",
        authorizedOrgId: me.orgId,
        authorizedBy: me.emails?.[0] ?? null,
      });
      await tx.progress(60, "Tokens stored.");
      const after = await afterConnect(services, owner);
      await tx.succeed(`Connected as ${me.emails?.[0] ?? "the administrator"}. ${after}`.trim());
      return result(
        c,
        200,
        "Connected to Webex",
        `${record.name} is connected. ${after}`.trim(),
        `Access token valid for ${Math.round(tokens.expires_in / 86400)} days, refresh token for ${Math.round(tokens.refresh_token_expires_in / 86400)} days; wxsync refreshes it by itself.`,
      );
    } catch (error) {
      const trackingId = error instanceof WebexApiError ? error.details.trackingId : undefined;
      const message = `Webex refused the sign-in: ${error instanceof Error ? error.message : String(error)}.`;
      await tx.fail(message, error);
      return result(
        c,
        502,
        "Not connected",
        message,
        trackingId ? `Webex tracking id: ${trackingId}` : undefined,
      );
    }
  });
};
