/**
 * @module reports/routes
 * `/api/v1/customers/{id}/reports/...`: each report as JSON pages and, at the same path plus `.csv`, as a
 * spreadsheet. The change history report lives with the changes (sync/changes.routes.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { type CsvColumn, everyPage } from "@wxsync/core/csv";
import type { Context } from "hono";
import { loadCustomer } from "../lib/access.ts";
import type { App, AppEnv } from "../lib/app-env.ts";
import { bomParam, csvFileName, csvResponse } from "../lib/csv.ts";
import { csvTwin } from "../lib/exports.ts";
import { cursorParam, MAX_PAGE, pageLimit, pageSchema, sortParam } from "../lib/listing.ts";
import { bearerSecurity, errorResponses } from "../lib/openapi.ts";
import { IdParam, jsonContent } from "../lib/params.ts";
import { licenceUsage, staleDevices, unassignedNumbers, usersMissing } from "./queries.ts";

const tags = ["Reports"];
const base = "/api/v1/customers/{id}/reports";
const notFound = { 404: { description: "No such customer", content: errorResponses[401].content } };
const nullableText = z.string().nullable();

const LicenceSchema = z
  .object({
    id: z.string(),
    name: nullableText,
    total: z.number().nullable(),
    consumed: z.number().nullable(),
    consumedByUsers: z.number().nullable(),
    consumedByWorkspaces: z.number().nullable(),
    free: z.number().nullable(),
    syncedUsersHolding: z.number().openapi({ description: "Synced users whose licence list holds it." }),
  })
  .openapi("LicenceUsage");
const LocationNumbersSchema = z
  .object({
    locationId: z.string(),
    location: nullableText,
    totalNumbers: z.number(),
    unassigned: z.number(),
    numbers: z.array(z.string()).openapi({ description: "The unassigned numbers and extensions." }),
  })
  .openapi("UnassignedNumbers");
const StaleDeviceSchema = z
  .object({
    id: z.string(),
    name: nullableText,
    product: nullableText,
    mac: nullableText,
    connectionStatus: nullableText,
    lastSeen: nullableText,
    daysSinceSeen: z.number().nullable(),
    ownerEmail: nullableText,
    personId: nullableText,
    workspaceId: nullableText,
    locationId: nullableText,
    location: nullableText,
    reasons: z.array(z.string()),
  })
  .openapi("StaleDevice");
const UserMissingSchema = z
  .object({
    id: z.string(),
    email: nullableText,
    displayName: nullableText,
    locationId: nullableText,
    location: nullableText,
    callingLicensed: z.boolean(),
    devices: z.number(),
    missing: z.array(z.enum(["calling licence", "device"])),
  })
  .openapi("UserMissing");

// Licences are few: one page, always (nextCursor is null).
const LicenceQuery = z.object({});
const NumbersQuery = z.object({
  sort: sortParam(["name"], "name"),
  limit: pageLimit(100),
  cursor: cursorParam,
});
const DevicesQuery = z.object({
  days: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(3650, "must be at most 3650")
    .default(7)
    .openapi({ description: "Not seen for at least this many days (or offline now)." }),
  sort: sortParam(["name", "lastSeen"], "name"),
  limit: pageLimit(100),
  cursor: cursorParam,
});
const UsersQuery = z.object({
  missing: z.enum(["calling-licence", "device", "either"]).default("either"),
  sort: sortParam(["email"], "email"),
  limit: pageLimit(100),
  cursor: cursorParam,
});

function reportRoutes<Q extends z.ZodObject, I extends z.ZodType>(
  slug: string,
  summary: string,
  query: Q,
  item: I,
) {
  const json = createRoute({
    method: "get",
    path: `${base}/${slug}`,
    tags,
    summary,
    security: bearerSecurity,
    request: { params: IdParam, query },
    responses: {
      200: { description: summary, content: jsonContent(pageSchema(item)) },
      ...errorResponses,
      ...notFound,
    },
  });
  return { json, csv: { ...csvTwin(json, `${summary} (CSV)`), request: { params: IdParam } } };
}

const licences = reportRoutes(
  "licence-usage",
  "Licence usage: total, consumed, by users and workspaces, free",
  LicenceQuery,
  LicenceSchema,
);
const numbers = reportRoutes(
  "unassigned-numbers",
  "Unassigned numbers per location",
  NumbersQuery,
  LocationNumbersSchema,
);
const devices = reportRoutes(
  "stale-devices",
  "Devices offline, or not seen for N days",
  DevicesQuery,
  StaleDeviceSchema,
);
const users = reportRoutes(
  "users-missing",
  "Users without a calling licence or without a device",
  UsersQuery,
  UserMissingSchema,
);

const columns = (names: string[]) => names.map((name) => ({ name }));

async function exportReport<Row extends Record<string, unknown>>(
  c: Context<AppEnv>,
  what: string,
  bom: string | undefined,
  cols: CsvColumn<Row>[],
  read: (customerId: string, cursor?: string) => Promise<{ items: Row[]; nextCursor: string | null }>,
) {
  const { services, principal } = c.var;
  const customer = await loadCustomer(services, principal, c.req.param("id") ?? "");
  const first = await read(customer.id);
  return csvResponse(c, {
    fileName: csvFileName([customer.name, what], services.now()),
    columns: cols,
    bom: bom === "true",
    pages: everyPage((cursor) => (cursor ? read(customer.id, cursor) : Promise.resolve(first))),
  });
}

export const registerReportRoutes = (app: App) => {
  app.openapi(licences.json, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    return c.json({ items: await licenceUsage(c.var.services, customer.id), nextCursor: null }, 200);
  });
  app.openapi(
    createRoute({ ...licences.csv, request: { params: IdParam, query: z.object({ bom: bomParam }) } }),
    (c) =>
      exportReport(
        c,
        "LicenceUsage",
        c.req.valid("query").bom,
        columns(Object.keys(LicenceSchema.shape)),
        async (id) => ({
          items: await licenceUsage(c.var.services, id),
          nextCursor: null,
        }),
      ),
  );

  app.openapi(numbers.json, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    return c.json(await unassignedNumbers(c.var.services, customer.id, c.req.valid("query")), 200);
  });
  const NumbersCsv = NumbersQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam });
  app.openapi(createRoute({ ...numbers.csv, request: { params: IdParam, query: NumbersCsv } }), (c) => {
    const { bom, ...q } = c.req.valid("query");
    return exportReport(
      c,
      "UnassignedNumbers",
      bom,
      columns(Object.keys(LocationNumbersSchema.shape)),
      (id, cursor) => unassignedNumbers(c.var.services, id, { ...q, limit: MAX_PAGE, cursor }),
    );
  });

  app.openapi(devices.json, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    return c.json(await staleDevices(c.var.services, customer.id, c.req.valid("query")), 200);
  });
  const DevicesCsv = DevicesQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam });
  app.openapi(createRoute({ ...devices.csv, request: { params: IdParam, query: DevicesCsv } }), (c) => {
    const { bom, ...q } = c.req.valid("query");
    return exportReport(
      c,
      `StaleDevices-${q.days}d`,
      bom,
      columns(Object.keys(StaleDeviceSchema.shape)),
      (id, cursor) => staleDevices(c.var.services, id, { ...q, limit: MAX_PAGE, cursor }),
    );
  });

  app.openapi(users.json, async (c) => {
    const customer = await loadCustomer(c.var.services, c.var.principal, c.req.valid("param").id);
    return c.json(await usersMissing(c.var.services, customer.id, c.req.valid("query")), 200);
  });
  const UsersCsv = UsersQuery.omit({ limit: true, cursor: true }).extend({ bom: bomParam });
  app.openapi(createRoute({ ...users.csv, request: { params: IdParam, query: UsersCsv } }), (c) => {
    const { bom, ...q } = c.req.valid("query");
    return exportReport(
      c,
      `UsersMissing-${q.missing}`,
      bom,
      columns(Object.keys(UserMissingSchema.shape)),
      (id, cursor) => usersMissing(c.var.services, id, { ...q, limit: MAX_PAGE, cursor }),
    );
  });
};
