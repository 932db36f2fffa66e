import { describe, expect, it } from "vitest";
import { createSimulator } from "./app.ts";

describe("simulator app", () => {
  it("reports its health and seed", async () => {
    const res = await createSimulator({ seed: 7 }).request("/_sim/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", seed: 7 });
  });
});
