/**
 * @module partners/partner
 * The partner resource as the API shows it, and loading one (its managed organizations: managed-orgs.ts).
 */
import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { TokenHealthSchema } from "../customers/view.ts";
import { tokenHealth } from "../grants/health.ts";
import { findGrant } from "../grants/store.ts";
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
    orgsReadAt: z.string().nullable().openapi({
      description:
        "When wxsync last read from Webex the organizations the partner manages; its token is used for those only.",
    }),
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
