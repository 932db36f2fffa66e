import { describe, expect, it } from "vitest";
import { call } from "../test/helpers.ts";

describe("GET /api/v1/openapi.json", () => {
  it("documents every route with its responses and the shared error envelope", async () => {
    const res = await call("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/health", "/api/v1/whoami"]));
    expect(Object.keys(doc.paths["/api/v1/whoami"]?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "401"]),
    );
    expect(doc.components.schemas).toHaveProperty("ErrorEnvelope");
    expect(doc.components.schemas).toHaveProperty("Health");
  });

  it("says which role each restricted route needs, read from the route's own check", async () => {
    type Doc = {
      paths: Record<string, Record<string, { description?: string; responses: Record<string, unknown> }>>;
    };
    const doc = await (await call("/api/v1/openapi.json")).json<Doc>();
    expect(doc.paths["/api/v1/customers/{id}/actions/sync-users"]?.post?.description).toContain(
      "Needs the operator role",
    );
    expect(doc.paths["/api/v1/api-keys"]?.post?.description).toContain("Needs the admin role");
    expect(doc.paths["/api/v1/customers"]?.get?.description ?? "").not.toContain("Needs the");
    // Every operation documents its failures in the one error envelope, 429 included.
    const open = ["/api/v1/health", "/api/v1/openapi.json", "/api/v1/docs"];
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(() => path.startsWith("/api/v1/") && !open.includes(path))
        .filter(([, op]) => !["400", "401", "429", "500"].every((status) => status in op.responses))
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
