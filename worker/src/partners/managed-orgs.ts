/**
 * @module partners/managed-orgs
 * The customer organizations a partner manages at Webex: read with its token, stored in D1 at every read, and
 * the guard on the partner's token (R6). wxsync uses the partner's token with a customer's `orgId` only if the
 * list as last read holds that org, so a customer record pointing at some other org reaches nothing, whatever
 * else went wrong.
 */
import {
  createWebexClient,
  organizationListSchema,
  resolveOrgId,
  sameOrg,
  WebexApiError,
} from "@wxsync/core/webex";
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { findGrant, openAccessToken } from "../grants/store.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { type PartnerRow, partnerOrgs, partners } from "./schema.ts";

/** D1 binds at most 100 parameters a statement; a row of `partner_orgs` takes three. */
const ROWS_PER_INSERT = 33;

/** Replaces the stored list in one batch: a reader sees the old list or the new one, never a mix. */
async function storeManagedOrgs(
  services: Services,
  partnerId: string,
  orgs: { id: string; displayName?: string | null | undefined }[],
) {
  const rows = new Map<string, { partnerId: string; orgUuid: string; displayName: string | null }>();
  for (const org of orgs) {
    const resolved = resolveOrgId(org.id);
    if (resolved.ok)
      rows.set(resolved.value.orgUuid, {
        partnerId,
        orgUuid: resolved.value.orgUuid,
        displayName: org.displayName ?? null,
      });
  }
  const values = [...rows.values()];
  const inserts: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
    inserts.push(services.db.insert(partnerOrgs).values(values.slice(i, i + ROWS_PER_INSERT)));
  }
  await services.db.batch([
    services.db.delete(partnerOrgs).where(eq(partnerOrgs.partnerId, partnerId)),
    ...inserts,
    services.db
      .update(partners)
      .set({ orgsReadAt: services.now().toISOString() })
      .where(eq(partners.id, partnerId)),
  ]);
}

/** The partner's managed organizations at Webex (its own excluded), from its token; stored as the last read. */
export async function managedOrganizations(services: Services, partner: PartnerRow) {
  const grant = await findGrant(services, { ownerType: "partner", ownerId: partner.id });
  if (!grant)
    throw new ApiError(
      "CONFLICT",
      `${partner.name} is not connected to Webex yet: use its connect link first.`,
    );
  const client = createWebexClient({
    baseUrl: services.env.WEBEX_API_BASE,
    token: () => openAccessToken(services, grant),
    fetch: services.webexFetch,
    sleep: services.sleep,
  });
  try {
    const { items } = organizationListSchema.parse(await client.get("/organizations"));
    const managed = items.filter((org) => !sameOrg(org.id, partner.orgId));
    await storeManagedOrgs(services, partner.id, managed);
    return managed;
  } catch (error) {
    if (error instanceof WebexApiError) {
      throw new ApiError(
        "WEBEX_UNAVAILABLE",
        `Webex did not list ${partner.name}'s organizations: ${error.message}${error.details.trackingId ? ` (tracking id ${error.details.trackingId})` : ""}.`,
      );
    }
    throw error;
  }
}

export type ManagedVerdict = { ok: true } | { ok: false; message: string };

/**
 * Whether the partner's token may be used with this customer's org: the org must be in the partner's managed
 * list as last read from Webex. A list never read is read once first; if that read fails, the answer is no.
 */
export async function partnerManages(
  services: Services,
  customer: { name: string; orgUuid: string; partnerId: string },
): Promise<ManagedVerdict> {
  const partner = await services.db.select().from(partners).where(eq(partners.id, customer.partnerId)).get();
  if (!partner) return { ok: false, message: `${customer.name}'s partner no longer exists in wxsync.` };
  let readAt = partner.orgsReadAt;
  if (!readAt) {
    try {
      await managedOrganizations(services, partner);
      readAt = services.now().toISOString();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        message: `wxsync could not check that ${customer.name}'s organization is one its partner manages, so it did not use the partner's token: ${why}`,
      };
    }
  }
  const listed = await services.db
    .select({ orgUuid: partnerOrgs.orgUuid })
    .from(partnerOrgs)
    .where(
      and(eq(partnerOrgs.partnerId, partner.id), eq(partnerOrgs.orgUuid, customer.orgUuid.toLowerCase())),
    )
    .get();
  if (listed) return { ok: true };
  return {
    ok: false,
    message: `${customer.name}'s organization is not among the organizations its partner manages at Webex (as read ${readAt}), so wxsync did not use the partner's token for it. If the partner manages it now, read the partner's organizations again (GET /api/v1/partners/${partner.id}/organizations) and retry.`,
  };
}
