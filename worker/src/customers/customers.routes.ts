/**
 * @module customers/routes
 * `/api/v1/customers`: VOSS's Customer Access records (relation/SparkCustomer).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { resolveOrgId } from "@wxsync/core/webex";
import { eq } from "drizzle-orm";
import { customerScopeFilter, loadCustomer, requireRole, unscopedAdminOnly } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { conflictFrom } from "../lib/conflict.ts";
import { ApiError } from "../lib/errors.ts";
import { contains, cursorParam, pagedRows, pageLimit, pageSchema, sortParam } from "../lib/listing.ts";
import { bearerSecurity, errorResponses, refusalDoc } from "../lib/openapi.ts";
import { IdParam, jsonBody, jsonContent } from "../lib/params.ts";
import { CustomerCreateSchema, CustomerPatchSchema } from "./input.ts";
import { type CustomerRow, customers } from "./schema.ts";
import {
  CUSTOMER_CONFLICTS,
  createCustomer,
  deleteCustomer,
  orgHeldBecause,
  renameDefaultsStatements,
} from "./service.ts";
import { CustomerSchema, viewCustomers } from "./view.ts";

const tags = ["Customers"];
const notFound = {
  404: refusalDoc("No such customer (or not in the API key's scope)"),
};
const conflict = {
  409: refusalDoc(
    "The name or organization is already used (to a key scoped to some customers: not available, naming no one)",
  ),
};
const needsAllCustomers = {
  403: refusalDoc(
    "The key's role is below admin, or the key is scoped to some customers (needs a key for all)",
  ),
};

const list = createRoute({
  method: "get",
  path: "/api/v1/customers",
  tags,
  summary: "Customers this API key may see, with their token health",
  security: bearerSecurity,
  request: {
    query: z.object({
      partnerId: z.uuid({ error: "must be a partner id" }).optional(),
      q: z
        .string()
        .max(200, "must be at most 200 characters")
        .optional()
        .openapi({ description: "Text in the name." }),
      sort: sortParam(["name", "createdAt", "updatedAt"], "name"),
      limit: pageLimit(100),
      cursor: cursorParam,
    }),
  },
  responses: {
    200: { description: "Customers", content: jsonContent(pageSchema(CustomerSchema)) },
    ...errorResponses,
  },
});

const getOne = createRoute({
  method: "get",
  path: "/api/v1/customers/{id}",
  tags,
  summary: "One customer",
  security: bearerSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: "The customer", content: jsonContent(CustomerSchema) },
    ...errorResponses,
    ...notFound,
  },
});

const create = createRoute({
  method: "post",
  path: "/api/v1/customers",
  tags,
  summary: "Add a customer's Webex organization (creates its default data syncs and schedule)",
  security: bearerSecurity,
  middleware: [unscopedAdminOnly()] as const,
  request: { body: jsonBody(CustomerCreateSchema) },
  responses: {
    201: { description: "Created", content: jsonContent(CustomerSchema) },
    ...errorResponses,
    ...needsAllCustomers,
    ...conflict,
  },
});

const patch = createRoute({
  method: "patch",
  path: "/api/v1/customers/{id}",
  tags,
  summary:
    "Change a customer's details (its organization only while it has no tokens, partner, runs or synced data)",
  security: bearerSecurity,
  middleware: [requireRole("admin")] as const,
  request: { params: IdParam, body: jsonBody(CustomerPatchSchema) },
  responses: {
    200: { description: "Updated", content: jsonContent(CustomerSchema) },
    ...errorResponses,
    ...notFound,
    409: refusalDoc(
      `${conflict[409].description}; or the organization can no longer change (delete and re-add)`,
    ),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/api/v1/customers/{id}",
  tags,
  summary: "Delete a customer and everything wxsync holds for it (nothing at Webex is touched)",
  security: bearerSecurity,
  middleware: [unscopedAdminOnly()] as const,
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses, ...needsAllCustomers, ...notFound },
});

function orgIdentity(value: string) {
  const resolved = resolveOrgId(value);
  if (!resolved.ok) throw new ApiError("BAD_REQUEST", `body.organizationId: ${resolved.message}`);
  return resolved.value;
}

export const registerCustomerRoutes = (app: App) => {
  app.openapi(list, async (c) => {
    const { services } = c.var;
    const q = c.req.valid("query");
    const page = await pagedRows(services.db, customers, {
      columns: { name: customers.name, createdAt: customers.createdAt, updatedAt: customers.updatedAt },
      id: customers.id,
      sort: q.sort,
      defaultSort: "name",
      cursor: q.cursor,
      limit: q.limit,
      where: [
        customerScopeFilter(c.var.principal, customers.id),
        q.partnerId ? eq(customers.partnerId, q.partnerId) : undefined,
        q.q ? contains(customers.name, q.q) : undefined,
      ],
    });
    return c.json({ items: await viewCustomers(services, page.items), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getOne, async (c) => {
    const row = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    const [view] = await viewCustomers(c.var.services, [row]);
    return c.json(view!, 200);
  });

  app.openapi(create, async (c) => {
    const { services, principal } = c.var;
    const body = c.req.valid("json");
    const { orgId, orgUuid } = orgIdentity(body.organizationId);
    const row = await createCustomer(services, {
      name: body.name,
      orgId,
      orgUuid,
      adminEmail: body.adminEmail ?? null,
      defaultCallingBehaviour: body.defaultCallingBehaviour ?? null,
      emailDomain: body.emailDomain ?? null,
      dirsyncEnabled: body.dirsyncEnabled,
      notes: body.notes ?? null,
      syncOnCreate: body.syncOnCreate,
      partnerId: null,
    }).catch(conflictFrom(principal, CUSTOMER_CONFLICTS));
    const [view] = await viewCustomers(services, [row]);
    return c.json(view!, 201);
  });

  app.openapi(patch, async (c) => {
    const { services, principal } = c.var;
    const current = await loadCustomer(services, principal, c.req.valid("param").id);
    const body = c.req.valid("json");
    const changes: Partial<CustomerRow> = { updatedAt: services.now().toISOString() };
    for (const key of [
      "name",
      "adminEmail",
      "defaultCallingBehaviour",
      "emailDomain",
      "dirsyncEnabled",
      "notes",
      "syncOnCreate",
    ] as const) {
      if (body[key] !== undefined) Object.assign(changes, { [key]: body[key] });
    }
    if (body.organizationId !== undefined) {
      const identity = orgIdentity(body.organizationId);
      // Another spelling of the same org (eu/us, padding, case) is no change.
      if (identity.orgUuid !== current.orgUuid) {
        const held = await orgHeldBecause(services, current);
        if (held) {
          throw new ApiError(
            "CONFLICT",
            `body.organizationId: the organization can't change once the customer has tokens, a partner or synced data, and ${held}; delete and re-add the customer to use another organization.`,
          );
        }
        Object.assign(changes, identity);
      }
    }
    const renames =
      changes.name && changes.name !== current.name
        ? renameDefaultsStatements(services, current.id, current.name, changes.name)
        : [];
    await services.db
      .batch([services.db.update(customers).set(changes).where(eq(customers.id, current.id)), ...renames])
      .catch(conflictFrom(principal, CUSTOMER_CONFLICTS));
    const [view] = await viewCustomers(services, [{ ...current, ...changes }]);
    return c.json(view!, 200);
  });

  app.openapi(remove, async (c) => {
    const { services, principal } = c.var;
    const current = await loadCustomer(services, principal, c.req.valid("param").id);
    await deleteCustomer(services, current.id);
    return c.body(null, 204);
  });
};
