/**
 * @module broadworks/access
 * BroadWorks enterprises belong to the partner: every call uses the partner's own token. `Sync now` gets a
 * client that never waits out a 429 — there it means "this cluster is busy", an answer to report, not a
 * rate limit to sit through.
 */
import { createWebexClient } from "@wxsync/core/webex";
import { findGrant, openAccessToken } from "../grants/store.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import type { PartnerRow } from "../partners/schema.ts";

export async function partnerClient(
  services: Services,
  partner: PartnerRow,
  options: { waitOnThrottle?: boolean } = {},
) {
  const grant = await findGrant(services, { ownerType: "partner", ownerId: partner.id });
  if (!grant || grant.revokedAt)
    throw new ApiError(
      "CONFLICT",
      `${partner.name} is not connected to Webex: connect it first (GET /api/v1/partners/${partner.id}/connect).`,
    );
  return createWebexClient({
    baseUrl: services.env.WEBEX_API_BASE,
    token: async () =>
      openAccessToken(
        services,
        (await findGrant(services, { ownerType: "partner", ownerId: partner.id })) ?? grant,
      ),
    fetch: services.webexFetch,
    sleep: services.sleep,
    ...(options.waitOnThrottle === false ? { maxThrottleRetries: 0 } : {}),
  });
}
