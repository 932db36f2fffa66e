import { describe, expect, it } from "vitest";
import { call } from "../../test/helpers.ts";

type Properties = Record<string, { pattern?: string }>;
type Doc = { components: { schemas: Record<string, { properties: Properties }> } };

/** A documented pattern as a client would use it: JSON Schema patterns are ECMA-262 with Unicode semantics. */
function documented(doc: Doc, schema: string, field: string) {
  const pattern = doc.components.schemas[schema]?.properties[field]?.pattern;
  expect(pattern, `${schema}.${field} documents a pattern`).toBeTypeOf("string");
  return new RegExp(pattern!, "u");
}

describe("documented input patterns", () => {
  it("accept the names and domains the API accepts, so clients can validate by the document", async () => {
    const doc = await (await call("/api/v1/openapi.json")).json<Doc>();
    for (const [schema, field] of [
      ["CustomerCreate", "name"],
      ["CustomerPatch", "name"],
      ["PartnerCreate", "name"],
    ] as const) {
      const name = documented(doc, schema, field);
      expect(name.test("Acme Corp (EMEA)")).toBe(true);
      expect(name.test("Zürich 2")).toBe(true);
      expect(name.test("=cmd|' /C calc'!A0")).toBe(false);
    }
    const domain = documented(doc, "CustomerCreate", "emailDomain");
    expect(domain.test("Mail.Example.com")).toBe(true);
    expect(domain.test("not a domain")).toBe(false);
  });
});
