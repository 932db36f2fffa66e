/**
 * @module sync/webex-access
 * How wxsync reaches a customer's organization: with its own tokens, or with its partner's token and `orgId`.
 */

import type { CustomerRow } from "../customers/schema.ts";
import type { GrantRow } from "../grants/schema.ts";
import { findGrant, openAccessToken } from "../grants/store.ts";
import type { Services } from "../lib/services.ts";

export type WebexAccess = { grant: GrantRow; orgId?: string; token: () => Promise<string> };

export async function webexAccessFor(services: Services, customer: CustomerRow): Promise<WebexAccess | null> {
  const own = await findGrant(services, { ownerType: "customer", ownerId: customer.id });
  const partner =
    !own && customer.partnerId
      ? await findGrant(services, { ownerType: "partner", ownerId: customer.partnerId })
      : undefined;
  const grant = own ?? partner;
  if (!grant || grant.revokedAt) return null;
  // Read per request, so a token refreshed by the cron in the middle of a long sync is picked up.
  const token = async () => {
    const fresh =
      (await findGrant(services, { ownerType: grant.ownerType, ownerId: grant.ownerId })) ?? grant;
    return openAccessToken(services, fresh);
  };
  return { grant, orgId: own ? undefined : customer.orgId, token };
}
