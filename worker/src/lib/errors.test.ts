import { describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";

describe("error envelope", () => {
  it("answers unknown routes with NOT_FOUND in the envelope", async () => {
    const { headers } = await createKey("viewer");
    const res = await call("/api/v1/no-such-thing", { headers });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: "NOT_FOUND",
        message: "No route for GET /api/v1/no-such-thing.",
        requestId: res.headers.get("x-request-id"),
      },
    });
  });

  it("names the body when it comes in a media type the route does not take", async () => {
    const { headers } = await createKey("admin");
    const body = JSON.stringify({ name: "Plain Co", organizationId: "6f2d1b4e-2a9c-4e8f-9b1a-0c3d5e7f9a1b" });
    for (const [type, said] of [
      ["text/plain", "body: content-type text/plain is not accepted here"],
      [null, "body: sent without a content-type"],
    ] as const) {
      const res = await call("/api/v1/customers", {
        method: "POST",
        headers: type ? { ...headers, "content-type": type } : headers,
        body: type ? body : new Blob([body]),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: "BAD_REQUEST", message: expect.stringContaining(said) },
      });
    }
  });

  it("uses the envelope outside /api too", async () => {
    const res = await call("/nowhere");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
