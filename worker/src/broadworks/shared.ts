/**
 * @module broadworks/shared
 * What the BroadWorks routes share: path pieces, the partner and enterprise lookups (scoped keys see no
 * partner), and how a Webex refusal is described and logged.
 */
import { z } from "@hono/zod-openapi";
import { WebexApiError } from "@wxsync/core/webex";
import { and, eq } from "drizzle-orm";
import { type ApiPrincipal, requireAllCustomers } from "../lib/access.ts";
import { ApiError } from "../lib/errors.ts";
import { errorResponses } from "../lib/openapi.ts";
import { IdParam } from "../lib/params.ts";
import type { Services } from "../lib/services.ts";
import { loadPartner } from "../partners/partner.ts";
import { logBroadworksError } from "./job.ts";
import { bwEnterprises } from "./schema.ts";
import { explainErrors } from "./view.ts";

export const tags = ["BroadWorks"];
export const base = "/api/v1/partners/{id}/broadworks";
export const missing = {
  404: { description: "No such partner or enterprise", content: errorResponses[401].content },
};
export const conflict = {
  409: { description: "Refused (see the message)", content: errorResponses[401].content },
};
export const EnterpriseParams = IdParam.extend({
  enterpriseId: z
    .string()
    .min(1, "must not be empty")
    .max(300, "must be at most 300 characters")
    .openapi({ param: { name: "enterpriseId", in: "path" } }),
});
export const EnterpriseIds = z
  .array(z.string().min(1, "must not be empty").max(300, "must be at most 300 characters"))
  .min(1, "must list at least one enterprise")
  .max(500, "must list at most 500 enterprises");

export async function loadEnterprise(services: Services, partnerId: string, enterpriseId: string) {
  const row = await services.db
    .select()
    .from(bwEnterprises)
    .where(and(eq(bwEnterprises.partnerId, partnerId), eq(bwEnterprises.id, enterpriseId)))
    .get();
  if (!row)
    throw new ApiError(
      "NOT_FOUND",
      `No BroadWorks enterprise ${enterpriseId} for this partner (refresh if it is new).`,
    );
  return row;
}

/** Which enterprises of the partner are syncing right now, as far as wxsync last saw. */
/** The partner named in the path; enterprises span its customers, so keys scoped to some customers see none. */
export function partnerFor(principal: ApiPrincipal, services: Services, id: string) {
  requireAllCustomers(principal);
  return loadPartner(services, id);
}

export async function syncingNow(services: Services, partnerId: string) {
  return services.db
    .select()
    .from(bwEnterprises)
    .where(and(eq(bwEnterprises.partnerId, partnerId), eq(bwEnterprises.syncStatus, "IN_PROGRESS")))
    .all();
}

export const webexFailure = (error: unknown) => {
  const webex = error instanceof WebexApiError ? error : null;
  const code = webex?.details.code ? Number(webex.details.code) : null;
  return {
    message: error instanceof Error ? error.message : String(error),
    status: webex?.status ?? null,
    trackingId: webex?.details.trackingId ?? null,
    errors: code ? explainErrors({ errors: [{ errorCode: code, description: webex?.message }] }) : [],
  };
};

export function logFailure(services: Services, partnerId: string, sp: string, what: string, error: unknown) {
  const webex = error instanceof WebexApiError ? error : null;
  return logBroadworksError(
    services,
    partnerId,
    sp,
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
    {
      status: webex?.status,
      code: webex?.details.code ? Number(webex.details.code) : undefined,
      trackingId: webex?.details.trackingId,
    },
  );
}
