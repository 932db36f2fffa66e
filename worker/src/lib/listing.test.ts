/**
 * Every list of the API refuses a `sort` that names a member of Object.prototype and a cursor of any shape it
 * did not issue, as a 400 naming the parameter. The lists are read from the OpenAPI document (every GET with
 * a `sort` or `cursor` query parameter), so a list added tomorrow is covered by this test too.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { idsFor } from "../../test/fuzz/generate.ts";
import { type ApiDocument, type Operation, readDocument } from "../../test/fuzz/openapi-doc.ts";
import { asText, validValue } from "../../test/fuzz/values.ts";
import { call, createKey } from "../../test/helpers.ts";
import { createCustomer, sim, simOrgs } from "../../test/sim.ts";

const PROTOTYPE_SORTS = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "-constructor"];

const base64url = (json: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

/** Cursors that decode to JSON of the wrong shape (the sort field is right, so only the shape is wrong). */
const WRONG_CURSORS = Object.entries({
  "value is an object": { s: "name", v: { a: 1 }, id: "x" },
  "value is an array": { s: "name", v: [1, 2], id: "x" },
  "id is an object": { s: "name", v: "a", id: { x: 1 } },
  "id is missing": { s: "name", v: "a" },
  "sort is an object": { s: {}, v: "a", id: "x" },
  "an extra field": { s: "name", v: "a", id: "x", where: "1=1" },
  "an array": [1, 2, 3],
  "a string": "name",
  "a number": 42,
  null: null,
}).map(([what, json]) => [what, base64url(JSON.stringify(json))] as const);

let admin: Record<string, string>;
let doc: ApiDocument;
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  const orgs = await simOrgs();
  ids.customers = [(await createCustomer(admin, "Listing Co", orgs[1]!.uuid, { syncOnCreate: false })).id];
  const partner = await call("/api/v1/partners", {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Listing Partner",
      organizationId: orgs.find((o) => o.ref === "partner")!.uuid,
    }),
  });
  expect(partner.status).toBe(201);
  ids.partners = [(await partner.json<{ id: string }>()).id];
  doc = readDocument(await (await call("/api/v1/openapi.json")).json());
});

const lists = (param: "sort" | "cursor") =>
  doc.operations.filter(
    (op) => op.method === "GET" && op.parameters.some((p) => p.in === "query" && p.name === param),
  );

/** One value the schema accepts, the same every run. */
const sampleOf = (op: Operation, name: string) => {
  const param = op.parameters.find((p) => p.name === name)!;
  return asText(fc.sample(validValue(param.schema, doc.resolve), { seed: 1, numRuns: 1 })[0]);
};

/** The list's path with real customer and partner ids (the handler runs) and valid values elsewhere. */
function request(op: Operation, query: Record<string, string>) {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = op.parameters.find((p) => p.in === "path" && p.name === name)!;
    return encodeURIComponent(idsFor(op, param, ids)[0] ?? sampleOf(op, name));
  });
  const required = op.parameters.filter((p) => p.in === "query" && p.required);
  const search = new URLSearchParams([
    ...required.map((p) => [p.name, sampleOf(op, p.name)]),
    ...Object.entries(query),
  ]);
  return call(`${path}?${search}`, { headers: admin });
}

async function refusal(res: Response) {
  const body = await res.json<{ error: { code: string; message: string } }>();
  return { status: res.status, code: body.error?.code, message: body.error?.message ?? "" };
}

describe("every list's sort and cursor", () => {
  it("finds the lists in the OpenAPI document, synced models and their CSV twins among them", () => {
    const sorted = lists("sort").map((op) => op.path);
    for (const path of [
      "/api/v1/customers/{id}/models/{model}",
      "/api/v1/customers/{id}/models/{model}.csv",
      "/api/v1/customers/{id}/number-inventory",
      "/api/v1/customers/{id}/number-inventory.csv",
      "/api/v1/customers",
      "/api/v1/api-keys",
    ])
      expect(sorted).toContain(path);
    expect(lists("cursor").length).toBeGreaterThanOrEqual(20);
  });

  it("refuses a sort naming a member of Object.prototype with a 400 naming `sort`", async () => {
    const wrong: string[] = [];
    for (const op of lists("sort")) {
      for (const sort of PROTOTYPE_SORTS) {
        const answer = await refusal(await request(op, { sort }));
        if (answer.status !== 400 || answer.code !== "BAD_REQUEST" || !answer.message.includes("query.sort"))
          wrong.push(`${op.path}?sort=${sort}: ${answer.status} ${answer.message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses a cursor of any shape it did not issue with a 400 naming `cursor`", async () => {
    const wrong: string[] = [];
    for (const op of lists("cursor")) {
      for (const [what, cursor] of WRONG_CURSORS) {
        const answer = await refusal(await request(op, { cursor }));
        if (
          answer.status !== 400 ||
          answer.code !== "BAD_REQUEST" ||
          !answer.message.includes("query.cursor")
        )
          wrong.push(`${op.path} (${what}): ${answer.status} ${answer.message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("still follows its own cursors, and refuses one issued for another sort", async () => {
    for (const name of ["Page A", "Page B", "Page C"])
      await createCustomer(admin, name, crypto.randomUUID(), { syncOnCreate: false });
    const first = await (await call("/api/v1/customers?limit=2&sort=name", { headers: admin })).json<{
      items: { name: string }[];
      nextCursor: string;
    }>();
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await call(`/api/v1/customers?limit=2&sort=name&cursor=${first.nextCursor}`, {
      headers: admin,
    });
    expect(second.status).toBe(200);
    const names = [...first.items, ...(await second.json<{ items: { name: string }[] }>()).items].map(
      (c) => c.name,
    );
    expect(names).toEqual([...names].sort());
    const other = await refusal(
      await call(`/api/v1/customers?limit=2&sort=-name&cursor=${first.nextCursor}`, { headers: admin }),
    );
    expect(other).toMatchObject({
      status: 400,
      message: expect.stringContaining("query.cursor: was issued for sort=name"),
    });
  });
});
