import { describe, expect, it } from "vitest";
import { call } from "../../test/helpers.ts";
import { type ApiPrincipal, keyWithin, rolesUpTo } from "./access.ts";

const S = "11111111-2222-4333-8444-555555555555";
const T = "22222222-2222-4333-8444-555555555555";
const principal = (role: ApiPrincipal["role"], scope: ApiPrincipal["scope"]): ApiPrincipal => ({
  keyId: "k",
  name: "k",
  role,
  scope,
});

describe("keyWithin (R2)", () => {
  it("takes a key whose role is not above and whose scope is within the principal's", () => {
    expect(keyWithin(principal("admin", "all"), { role: "admin", scope: "all" })).toBe(true);
    expect(keyWithin(principal("admin", [S]), { role: "viewer", scope: [S] })).toBe(true);
    expect(keyWithin(principal("admin", [S, T]), { role: "operator", scope: [T] })).toBe(true);
  });

  it('refuses a wider scope, "all" for a scoped principal, and a higher role', () => {
    expect(keyWithin(principal("admin", [S]), { role: "viewer", scope: "all" })).toBe(false);
    expect(keyWithin(principal("admin", [S]), { role: "viewer", scope: [S, T] })).toBe(false);
    expect(keyWithin(principal("admin", [S]), { role: "viewer", scope: [T] })).toBe(false);
    expect(keyWithin(principal("operator", "all"), { role: "admin", scope: [S] })).toBe(false);
    expect(keyWithin(principal("viewer", [S]), { role: "operator", scope: [S] })).toBe(false);
  });

  it("lists the roles at or below a role", () => {
    expect(rolesUpTo("viewer")).toEqual(["viewer"]);
    expect(rolesUpTo("operator")).toEqual(["viewer", "operator"]);
    expect(rolesUpTo("admin")).toEqual(["viewer", "operator", "admin"]);
  });
});

describe("the OpenAPI document says where a key for all customers is needed (R3)", () => {
  it("on customer create and delete, global model type lists, and every partner route", async () => {
    type Doc = { paths: Record<string, Record<string, { description?: string }>> };
    const doc = await (await call("/api/v1/openapi.json")).json<Doc>();
    const said = (path: string, method: string) => doc.paths[path]?.[method]?.description ?? "";
    for (const [path, method] of [
      ["/api/v1/customers", "post"],
      ["/api/v1/customers/{id}", "delete"],
      ["/api/v1/model-type-lists", "post"],
    ]) {
      expect(said(path!, method!), `${method} ${path}`).toContain(
        "Needs the admin role and a key for all customers",
      );
    }
    const partnerOps = Object.entries(doc.paths)
      .filter(([path]) => path === "/api/v1/partners" || path.startsWith("/api/v1/partners/"))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => [path, method] as const));
    expect(partnerOps.length).toBeGreaterThan(10);
    for (const [path, method] of partnerOps) {
      expect(said(path, method), `${method} ${path}`).toContain("Needs a key for all customers");
    }
    expect(said("/api/v1/customers/{id}", "patch")).not.toContain("a key for all customers");
  });
});
