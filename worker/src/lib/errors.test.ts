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

  it("uses the envelope outside /api too", async () => {
    const res = await call("/nowhere");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
