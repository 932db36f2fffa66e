/**
 * @module sync/webex-access
 * How wxsync reaches a customer's organization: with its own tokens, or with its partner's token and `orgId` —
 * the latter only for an org the partner manages as last read from Webex (R6, partners/managed-orgs.ts).
 * When there is no way in, the answer says why, in a sentence callers show as it is.
 */

import type { CustomerRow } from "../customers/schema.ts";
import type { GrantRow } from "../grants/schema.ts";
import { findGrant, openAccessToken } from "../grants/store.ts";
import type { Services } from "../lib/services.ts";
import { partnerManages } from "../partners/managed-orgs.ts";

export type WebexAccess = { grant: GrantRow; orgId?: string; token: () => Promise<string> };

export type Refusal = {
  ok: false;
  /** `not_connected`: no usable tokens; `not_managed`: the partner's token may not be used for this org. */
  kind: "not_connected" | "not_managed";
  message: string;
};

const notConnected = (customer: CustomerRow): Refusal => ({
  ok: false,
  kind: "not_connected",
  message: `${customer.name} is not connected to Webex (or its authorization was revoked): connect it first.`,
});

/** The partner's grant, if the partner's token may be used with this customer's org. */
export async function partnerGrantFor(
  services: Services,
  customer: CustomerRow,
): Promise<{ ok: true; grant: GrantRow } | Refusal> {
  const grant = customer.partnerId
    ? await findGrant(services, { ownerType: "partner", ownerId: customer.partnerId })
    : undefined;
  if (!grant || grant.revokedAt || !customer.partnerId) return notConnected(customer);
  const verdict = await partnerManages(services, { ...customer, partnerId: customer.partnerId });
  return verdict.ok ? { ok: true, grant } : { ok: false, kind: "not_managed", message: verdict.message };
}

export async function webexAccessFor(
  services: Services,
  customer: CustomerRow,
): Promise<({ ok: true } & WebexAccess) | Refusal> {
  const own = await findGrant(services, { ownerType: "customer", ownerId: customer.id });
  let grant: GrantRow;
  if (own) {
    if (own.revokedAt) return notConnected(customer);
    grant = own;
  } else {
    const partner = await partnerGrantFor(services, customer);
    if (!partner.ok) return partner;
    grant = partner.grant;
  }
  // Read per request, so a token refreshed by the cron in the middle of a long sync is picked up.
  const token = async () => {
    const fresh =
      (await findGrant(services, { ownerType: grant.ownerType, ownerId: grant.ownerId })) ?? grant;
    return openAccessToken(services, fresh);
  };
  return { ok: true, grant, orgId: own ? undefined : customer.orgId, token };
}
