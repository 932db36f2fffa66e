/**
 * @module partners/partner
 * The partner resource as the API shows it, and what the routes need of a partner: loading it and listing the
 * customer organizations it manages at Webex with its token.
 */
import { z } from "@hono/zod-openapi";
import { createWebexClient, organizationListSchema, sameOrg, WebexApiError } from "@wxsync/core/webex";
import { eq } from "drizzle-orm";
import { TokenHealthSchema } from "../customers/view.ts";
import { tokenHealth } from "../grants/health.ts";
import { findGrant, openAccessToken } from "../grants/store.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { type PartnerRow, partners } from "./schema.ts";

export const PartnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    orgId: z.string(),
    orgUuid: z.string(),
    adminEmail: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    tokenHealth: TokenHealthSchema,
    links: z.object({ connect: z.string(), organizations: z.string() }),
  })
  .openapi("Partner");

export async function viewPartner(services: Services, row: PartnerRow) {
  const grant = await findGrant(services, { ownerType: "partner", ownerId: row.id });
  return {
    ...row,
    tokenHealth: tokenHealth(grant, services.now()),
    links: {
      connect: `/api/v1/partners/${row.id}/connect`,
      organizations: `/api/v1/partners/${row.id}/organizations`,
    },
  };
}

export async function loadPartner(services: Services, id: string) {
  const row = await services.db.select().from(partners).where(eq(partners.id, id)).get();
  if (!row) throw new ApiError("NOT_FOUND", `No partner with id ${id}.`);
  return row;
}

/** The partner's managed organizations at Webex (its own excluded), from its token. */
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
    return items.filter((org) => !sameOrg(org.id, partner.orgId));
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
