import { describe, expect, it } from "vitest";
import { createSimulator } from "./app.ts";
import { call, mintToken, quietSim } from "./testkit.ts";

describe("simulator app", () => {
  it("reports its health and seed", async () => {
    const res = await createSimulator({ seed: 7, profile: "small" }).request("/_sim/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", seed: 7 });
  });

  it("puts a Trackingid header on every response, errors included, and uses Webex's error body", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    const ok = await call(sim, token, "/roles");
    expect(ok.headers.get("Trackingid")).toMatch(/^ROUTER_/);
    const missing = await call(sim, token, "/no/such/endpoint");
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as {
      message: string;
      errors: { description: string }[];
      trackingId: string;
    };
    expect(body).toEqual({
      message: body.message,
      errors: [{ description: body.message }],
      trackingId: missing.headers.get("Trackingid"),
    });
    const unknown = await call(sim, token, "/devices/Y2lzY29zcGFyazovL3VzL0RFVklDRS9ub3BlOnVzZWQ");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("Trackingid")).toBeTruthy();
  });

  it("builds the same tenant for the same seed on every instance (ids included)", async () => {
    const a = quietSim({ seed: 11 });
    const b = quietSim({ seed: 11 });
    const ta = await mintToken(a);
    const tb = await mintToken(b);
    const ids = async (sim: typeof a, t: string) =>
      JSON.stringify(await (await call(sim, t, "/organizations")).json());
    expect(await ids(a, ta)).toBe(await ids(b, tb));
  });
});
