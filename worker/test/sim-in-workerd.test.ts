import { createSimulator } from "@wxsync/webex-sim";
import { describe, expect, it } from "vitest";

// The simulator must run unchanged inside workerd too, not only in Node.
describe("the Webex simulator inside workerd", () => {
  it("serves a paged list with Link headers and Webex's tracking ids", async () => {
    const sim = createSimulator({
      customers: [30],
      latencyMs: 0,
      rateLimit: false,
      presetTokens: [{ token: "t", org: 0 }],
    });
    const res = await sim.request("http://sim.test/v1/people?max=10&callingData=true", {
      headers: { authorization: "Bearer t" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("trackingid")).toBeTruthy();
    expect(res.headers.get("link")).toContain('rel="next"');
    expect((await res.json<{ items: unknown[] }>()).items).toHaveLength(10);
    const denied = await sim.request("http://sim.test/v1/people", {
      headers: { authorization: "Bearer nope" },
    });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({
      message: expect.any(String),
      trackingId: expect.any(String),
    });
  });
});
