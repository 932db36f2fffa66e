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
});
