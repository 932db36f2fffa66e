/**
 * @module partners/routes
 * Partners: connect once with a partner administrator's token, then adopt the customer organizations the
 * partner manages. Adopted customers use the partner's token with `orgId`.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { resolveOrgId, sameOrg } from "@wxsync/core/webex";
import { CustomerNameSchema } from "../customers/input.ts";
import { customers } from "../customers/schema.ts";
import { CUSTOMER_CONFLICTS, createCustomer } from "../customers/service.ts";
import { CustomerSchema, viewCustomers } from "../customers/view.ts";
import { inList } from "../db/in-list.ts";
import { requireAllCustomers, requireRole } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { conflictFrom } from "../lib/conflict.ts";
import { ApiError } from "../lib/errors.ts";
import { pagedRows, pageSchema, pagingShape } from "../lib/listing.ts";
import { bearerSecurity, errorResponses, refusalDoc } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { syncRolesAndLicences } from "../oauth/after-connect.ts";
import { managedOrganizations } from "./managed-orgs.ts";
import { loadPartner, PartnerSchema, viewPartner } from "./partner.ts";
import { type PartnerRow, partners } from "./schema.ts";

const tags = ["Partners"];

const PartnerCreateSchema = z
  .strictObject({
    name: CustomerNameSchema,
    organizationId: z.string().trim().min(1, "must not be empty"),
    adminEmail: z.email({ error: "must be an email address" }).optional(),
    notes: z.string().max(4000, "must be at most 4000 characters").optional(),
  })
  .openapi("PartnerCreate");

const OrganizationSchema = z
  .object({
    orgId: z.string(),
    orgUuid: z.string(),
    displayName: z.string().nullable(),
    customerId: z.string().nullable(),
  })
  .openapi("PartnerOrganization");

const AdoptSchema = z
  .strictObject({
    organizations: z
      .array(
        z.strictObject({
          orgId: z.string().min(1, "must not be empty"),
          name: CustomerNameSchema.optional(),
        }),
      )
      .min(1, "must list at least one organization")
      .max(500, "at most 500 organizations per request"),
    syncOnCreate: z.boolean().default(true),
  })
  .openapi("PartnerAdopt");

const notFound = {
  404: refusalDoc("No such partner (keys scoped to some customers see no partner at all)"),
};
const partnerTaken = {
  field: "body.organizationId",
  what: "organization",
  taken: "this organization is a partner already.",
};
const PARTNER_CONFLICTS = {
  "partners.name": { field: "body.name", what: "name", taken: "another partner has this name already." },
  "partners.org_id": partnerTaken,
  "partners.org_uuid": partnerTaken,
};

const routes = {
  create: createRoute({
    method: "post",
    path: "/api/v1/partners",
    tags,
    summary: "Add a partner organization",
    security: bearerSecurity,
    middleware: [requireRole("admin")] as const,
    request: { body: jsonBody(PartnerCreateSchema) },
    responses: {
      201: { description: "Created", content: jsonContent(PartnerSchema) },
      404: refusalDoc("The key is scoped to some customers: partners do not exist for it"),
      409: refusalDoc("A partner has this name or organization already"),
      ...errorResponses,
    },
  }),
  list: createRoute({
    method: "get",
    path: "/api/v1/partners",
    tags,
    summary: "Partners (keys scoped to some customers see none)",
    security: bearerSecurity,
    request: { query: z.object(pagingShape(["name"], "name")) },
    responses: {
      200: { description: "Partners", content: jsonContent(pageSchema(PartnerSchema)) },
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: "/api/v1/partners/{id}",
    tags,
    summary: "One partner",
    security: bearerSecurity,
    request: { params: IdParam },
    responses: {
      200: { description: "The partner", content: jsonContent(PartnerSchema) },
      ...errorResponses,
      ...notFound,
    },
  }),
  organizations: createRoute({
    method: "get",
    path: "/api/v1/partners/{id}/organizations",
    tags,
    summary:
      "The customer organizations the partner manages at Webex, and which are wxsync customers (stored as the list its token may reach)",
    security: bearerSecurity,
    middleware: [requireRole("operator")] as const,
    request: { params: IdParam },
    responses: {
      200: {
        description: "Organizations",
        content: jsonContent(z.object({ items: z.array(OrganizationSchema) })),
      },
      409: refusalDoc("The partner is not connected"),
      ...errorResponses,
      ...notFound,
    },
  }),
  adopt: createRoute({
    method: "post",
    path: "/api/v1/partners/{id}/customers",
    tags,
    summary: "Make some of the partner's organizations wxsync customers (they use the partner's token)",
    security: bearerSecurity,
    middleware: [requireRole("admin")] as const,
    request: { params: IdParam, body: jsonBody(AdoptSchema) },
    responses: {
      201: {
        description: "The new customers",
        content: jsonContent(z.object({ items: z.array(CustomerSchema) })),
      },
      409: refusalDoc("The partner is not connected, or a name or organization is already a customer"),
      ...errorResponses,
      ...notFound,
    },
  }),
};

export const registerPartnerRoutes = (app: App) => {
  app.openapi(routes.create, async (c) => {
    requireAllCustomers(c.var.principal);
    const { services } = c.var;
    const body = c.req.valid("json");
    const resolved = resolveOrgId(body.organizationId);
    if (!resolved.ok) throw new ApiError("BAD_REQUEST", `body.organizationId: ${resolved.message}`);
    const stamp = services.now().toISOString();
    const row: PartnerRow = {
      id: crypto.randomUUID(),
      name: body.name,
      ...resolved.value,
      adminEmail: body.adminEmail ?? null,
      notes: body.notes ?? null,
      orgsReadAt: null,
      createdAt: stamp,
      updatedAt: stamp,
    };
    await services.db.insert(partners).values(row).catch(conflictFrom(c.var.principal, PARTNER_CONFLICTS));
    return c.json(await viewPartner(services, row), 201);
  });

  app.openapi(routes.list, async (c) => {
    if (c.var.principal.scope !== "all") return c.json({ items: [], nextCursor: null }, 200);
    const q = c.req.valid("query");
    const page = await pagedRows(c.var.services.db, partners, {
      columns: { name: partners.name },
      id: partners.id,
      sort: q.sort,
      defaultSort: "name",
      cursor: q.cursor,
      limit: q.limit,
    });
    return c.json(
      {
        items: await Promise.all(page.items.map((row) => viewPartner(c.var.services, row))),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(routes.get, async (c) => {
    requireAllCustomers(c.var.principal);
    return c.json(
      await viewPartner(c.var.services, await loadPartner(c.var.services, c.req.valid("param").id)),
      200,
    );
  });

  app.openapi(routes.organizations, async (c) => {
    requireAllCustomers(c.var.principal);
    const { services } = c.var;
    const partner = await loadPartner(services, c.req.valid("param").id);
    const orgs = await managedOrganizations(services, partner);
    const existing = await services.db
      .select({ id: customers.id, orgId: customers.orgId })
      .from(customers)
      .all();
    const items = orgs.map((org) => {
      const resolved = resolveOrgId(org.id);
      const uuid = resolved.ok ? resolved.value.orgUuid : "";
      return {
        orgId: org.id,
        orgUuid: uuid,
        displayName: org.displayName ?? null,
        customerId: existing.find((row) => sameOrg(row.orgId, org.id))?.id ?? null,
      };
    });
    return c.json({ items }, 200);
  });

  app.openapi(routes.adopt, async (c) => {
    requireAllCustomers(c.var.principal);
    const { services } = c.var;
    const partner = await loadPartner(services, c.req.valid("param").id);
    const body = c.req.valid("json");
    const managed = await managedOrganizations(services, partner);
    // Validate everything before writing anything: one bad entry changes nothing.
    const plans = body.organizations.map((entry, i) => {
      const org = managed.find((candidate) => sameOrg(candidate.id, entry.orgId));
      if (!org)
        throw new ApiError(
          "BAD_REQUEST",
          `body.organizations.${i}.orgId: not an organization ${partner.name} manages at Webex.`,
        );
      const resolved = resolveOrgId(org.id);
      if (!resolved.ok)
        throw new ApiError("BAD_REQUEST", `body.organizations.${i}.orgId: ${resolved.message}`);
      const name = entry.name ?? CustomerNameSchema.safeParse(org.displayName ?? "").data;
      if (!name)
        throw new ApiError(
          "BAD_REQUEST",
          `body.organizations.${i}.name: required, as the organization's Webex name can't be used as a customer name.`,
        );
      return { name, ...resolved.value };
    });
    const names = plans.map((p) => p.name);
    const dupe = names.find((name, i) => names.indexOf(name) !== i);
    if (dupe) throw new ApiError("BAD_REQUEST", `body.organizations: the name "${dupe}" is given twice.`);
    const nameTaken = await services.db
      .select({ name: customers.name })
      .from(customers)
      .where(inList(customers.name, names))
      .all();
    if (nameTaken.length > 0)
      throw new ApiError(
        "CONFLICT",
        `body.organizations: customer name ${nameTaken.map((t) => `"${t.name}"`).join(", ")} is already used; give another name.`,
      );
    const taken = await services.db
      .select({ orgUuid: customers.orgUuid })
      .from(customers)
      .where(
        inList(
          customers.orgUuid,
          plans.map((p) => p.orgUuid),
        ),
      )
      .all();
    if (taken.length > 0)
      throw new ApiError(
        "CONFLICT",
        `body.organizations: ${taken.map((t) => t.orgUuid).join(", ")} already a customer.`,
      );
    const created = [];
    for (const plan of plans) {
      created.push(
        await createCustomer(services, {
          ...plan,
          adminEmail: null,
          defaultCallingBehaviour: null,
          emailDomain: null,
          dirsyncEnabled: false,
          notes: `Adopted from partner ${partner.name}.`,
          syncOnCreate: body.syncOnCreate,
          partnerId: partner.id,
        }).catch(conflictFrom(c.var.principal, CUSTOMER_CONFLICTS)),
      );
    }
    if (body.syncOnCreate) for (const customer of created) await syncRolesAndLicences(services, customer.id);
    return c.json({ items: await viewCustomers(services, created) }, 201);
  });
};
