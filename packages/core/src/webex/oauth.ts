/**
 * @module webex/oauth
 * Webex's OAuth 2 authorization-code flow for integrations and the Service App token grant, against any
 * base URL (the real https://webexapis.com/v1 or the simulator).
 */
import { z } from "zod";
import { webexErrorFrom } from "./errors.ts";

/** What wxsync asks an administrator to grant: read access to every synced model, plus the writes it performs. */
export const SYNC_SCOPES = [
  "spark:kms",
  "spark-admin:organizations_read",
  "spark-admin:roles_read",
  "spark-admin:licenses_read",
  "spark-admin:people_read",
  "spark-admin:people_write",
  "spark-admin:locations_read",
  "spark-admin:workspaces_read",
  "spark-admin:workspace_locations_read",
  "spark-admin:devices_read",
  "spark-admin:devices_write",
  "spark-admin:telephony_config_read",
  "spark-admin:telephony_config_write",
  "spark-admin:broadworks_enterprises_read",
  "spark-admin:broadworks_enterprises_write",
  "identity:groups_read",
  "spark:people_read",
  "spark:rooms_read",
  "spark:teams_read",
  // Lets a partner's token request Service App tokens for its customers.
  "spark:applications_token",
] as const;

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.coerce.number().int().positive(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export type OAuthClient = { baseUrl: string; clientId: string; clientSecret: string; fetch?: typeof fetch };

export function authorizeUrl(
  client: Pick<OAuthClient, "baseUrl" | "clientId">,
  params: { redirectUri: string; state: string; scopes?: readonly string[] },
): string {
  const url = new URL(`${client.baseUrl.replace(/\/+$/, "")}/authorize`);
  url.searchParams.set("client_id", client.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("scope", (params.scopes ?? SYNC_SCOPES).join(" "));
  url.searchParams.set("state", params.state);
  return url.toString();
}

async function postToken(client: OAuthClient, path: string, init: RequestInit): Promise<TokenResponse> {
  const url = `${client.baseUrl.replace(/\/+$/, "")}${path}`;
  const res = await (client.fetch ?? fetch)(url, { method: "POST", ...init });
  if (!res.ok) throw await webexErrorFrom(res, path);
  const parsed = tokenResponseSchema.safeParse(await res.json());
  if (!parsed.success) {
    throw new Error(
      `Webex's token answer is not usable: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

function form(fields: Record<string, string>): RequestInit {
  return {
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(fields).toString(),
  };
}

export function exchangeCode(client: OAuthClient, code: string, redirectUri: string) {
  return postToken(
    client,
    "/access_token",
    form({
      grant_type: "authorization_code",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      code,
      redirect_uri: redirectUri,
    }),
  );
}

export function refreshTokens(client: OAuthClient, refreshToken: string) {
  return postToken(
    client,
    "/access_token",
    form({
      grant_type: "refresh_token",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      refresh_token: refreshToken,
    }),
  );
}

/** Service App tokens for a customer org, requested with a partner or integration token holding spark:applications_token. */
export function createServiceAppToken(
  client: OAuthClient & { applicationId: string; bearerToken: string },
  targetOrgId: string,
) {
  return postToken(client, `/applications/${encodeURIComponent(client.applicationId)}/token`, {
    headers: {
      authorization: `Bearer ${client.bearerToken}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: JSON.stringify({ clientId: client.clientId, clientSecret: client.clientSecret, targetOrgId }),
  });
}
