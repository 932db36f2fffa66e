/**
 * @module devices/hierarchy-routes
 * Browsing partner → customers → locations → users and workspaces → devices, and the whole walk as CSV for a
 * customer or for every customer of a partner.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { type CsvColumn, everyPage } from "@wxsync/core/csv";
import { asc, eq } from "drizzle-orm";
import { customers } from "../customers/schema.ts";
import { loadCustomer, requireAllCustomers } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { bomParam, csvContent, csvFileName, csvResponse } from "../lib/csv.ts";
import { cursorParam, MAX_PAGE, pageLimit, pageSchema } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import { loadPartner } from "../partners/partner.ts";
import { customersOf, type HierarchyRow, hierarchyPage, locationsOf, membersOf } from "./hierarchy.ts";

const tags = ["Hierarchy"];
const missing = {
  404: { description: "No such partner, customer or location", content: errorResponses[401].content },
};
const Paging = z.object({ limit: pageLimit(100), cursor: cursorParam });

const Counts = {
  users: z.number(),
  workspaces: z.number(),
  devices: z.number(),
  partnerManagedDevices: z.number(),
};
const CustomerNode = z
  .object({ id: z.string(), name: z.string(), orgId: z.string(), locations: z.number(), ...Counts })
  .openapi("HierarchyCustomer");
const LocationNode = z
  .object({ id: z.string(), name: z.string().nullable(), ...Counts })
  .openapi("HierarchyLocation");
const DeviceNode = z.object({
  id: z.string(),
  name: z.string().nullable(),
  product: z.string().nullable(),
  mac: z.string().nullable(),
  managedBy: z.string().nullable(),
  connectionStatus: z.string().nullable(),
  sipUserName: z.string().nullable(),
  linePort: z.string().nullable(),
  activationState: z.string().nullable(),
  sipPasswordRotatedAt: z
    .string()
    .nullable()
    .openapi({ description: "When wxsync last set this device's SIP password; null when it holds none." }),
});
const MemberNode = z
  .object({
    type: z.enum(["user", "workspace"]),
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    devices: z.array(DeviceNode),
  })
  .openapi("HierarchyMember");

const LocationParams = IdParam.extend({
  locationId: z
    .string()
    .min(1, "must not be empty")
    .max(300, "must be at most 300 characters")
    .openapi({
      param: { name: "locationId", in: "path" },
      description:
        "A location id from the customer's hierarchy, or `none` for users and workspaces without one.",
    }),
});

const csvDoc = (path: `/api/v1/${string}`, summary: string) =>
  createRoute({
    method: "get",
    path,
    tags,
    summary,
    security: bearerSecurity,
    request: { params: IdParam, query: z.object({ bom: bomParam }) },
    responses: { 200: { description: "CSV file", content: csvContent }, ...errorResponses, ...missing },
  });

const routes = {
  partner: createRoute({
    method: "get",
    path: "/api/v1/partners/{id}/hierarchy",
    tags,
    summary:
      "The partner's customers (Phonism's domains), with their locations, users, workspaces and devices counted",
    security: bearerSecurity,
    request: { params: IdParam, query: Paging },
    responses: {
      200: { description: "Customers", content: jsonContent(pageSchema(CustomerNode)) },
      ...errorResponses,
      ...missing,
    },
  }),
  locations: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/hierarchy",
    tags,
    summary: "The customer's locations (Phonism's tenants), with their users, workspaces and devices counted",
    security: bearerSecurity,
    request: { params: IdParam, query: Paging },
    responses: {
      200: { description: "Locations", content: jsonContent(pageSchema(LocationNode)) },
      ...errorResponses,
      ...missing,
    },
  }),
  members: createRoute({
    method: "get",
    path: "/api/v1/customers/{id}/hierarchy/{locationId}",
    tags,
    summary: "A location's users and workspaces, each with its devices and their SIP details",
    security: bearerSecurity,
    request: { params: LocationParams, query: Paging },
    responses: {
      200: { description: "Members", content: jsonContent(pageSchema(MemberNode)) },
      ...errorResponses,
      ...missing,
    },
  }),
  customerCsv: csvDoc(
    "/api/v1/customers/{id}/hierarchy.csv",
    "The customer's whole hierarchy as CSV, one row per device",
  ),
  partnerCsv: csvDoc(
    "/api/v1/partners/{id}/hierarchy.csv",
    "Every customer's hierarchy of the partner as one CSV",
  ),
};

type CsvRow = HierarchyRow & { partnerName: string | null; customerName: string; orgId: string };

const CSV_COLUMNS: CsvColumn<CsvRow>[] = [
  { name: "partnerName", header: "Partner" },
  { name: "customerName", header: "Customer" },
  { name: "orgId", header: "Organization ID" },
  { name: "locationName", header: "Location" },
  { name: "locationId", header: "Location ID" },
  { name: "ownerType", header: "Owner type" },
  { name: "ownerName", header: "Owner" },
  { name: "ownerEmail", header: "Owner email" },
  { name: "ownerId", header: "Owner ID" },
  { name: "deviceName", header: "Device" },
  { name: "deviceId", header: "Device ID" },
  { name: "product", header: "Model" },
  { name: "mac", header: "MAC" },
  { name: "managedBy", header: "Managed by" },
  { name: "connectionStatus", header: "Connection status" },
  { name: "sipUserName", header: "SIP user name" },
  { name: "linePort", header: "Line port" },
  { name: "activationState", header: "Activation state" },
  { name: "sipPasswordRotatedAt", header: "SIP password set by wxsync at" },
];

export const registerHierarchyRoutes = (app: App) => {
  app.openapi(routes.partner, async (c) => {
    requireAllCustomers(c.var.principal);
    const partner = await loadPartner(c.var.services, c.req.valid("param").id);
    return c.json(await customersOf(c.var.services, partner.id, c.req.valid("query")), 200);
  });

  app.openapi(routes.locations, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    return c.json(await locationsOf(c.var.services, customer, c.req.valid("query")), 200);
  });

  app.openapi(routes.members, async (c) => {
    const { id, locationId } = c.req.valid("param");
    const customer = await loadCustomer(c.var.services, c.var.principal, id);
    return c.json(await membersOf(c.var.services, customer, locationId, c.req.valid("query")), 200);
  });

  app.openapi(routes.customerCsv, async (c) => {
    const { services } = c.var;
    const customer = await loadCustomer(services, c.var.principal, c.req.valid("param").id);
    const partner = customer.partnerId
      ? await loadPartner(services, customer.partnerId).catch(() => null)
      : null;
    const label = { partnerName: partner?.name ?? null, customerName: customer.name, orgId: customer.orgId };
    return csvResponse(c, {
      fileName: csvFileName([customer.name, "Hierarchy"], services.now()),
      columns: CSV_COLUMNS,
      bom: c.req.valid("query").bom === "true",
      pages: (async function* () {
        for await (const rows of everyPage((cursor) =>
          hierarchyPage(services, customer.id, { limit: MAX_PAGE, cursor }),
        ))
          yield rows.map((r) => ({ ...r, ...label }));
      })(),
    });
  });

  app.openapi(routes.partnerCsv, async (c) => {
    const { services } = c.var;
    requireAllCustomers(c.var.principal);
    const partner = await loadPartner(services, c.req.valid("param").id);
    const list = await services.db
      .select()
      .from(customers)
      .where(eq(customers.partnerId, partner.id))
      .orderBy(asc(customers.name), asc(customers.id))
      .all();
    return csvResponse(c, {
      fileName: csvFileName([partner.name, "Hierarchy"], services.now()),
      columns: CSV_COLUMNS,
      bom: c.req.valid("query").bom === "true",
      pages: (async function* () {
        for (const customer of list) {
          const label = { partnerName: partner.name, customerName: customer.name, orgId: customer.orgId };
          for await (const rows of everyPage((cursor) =>
            hierarchyPage(services, customer.id, { limit: MAX_PAGE, cursor }),
          ))
            yield rows.map((r) => ({ ...r, ...label }));
        }
      })(),
    });
  });
};
