import { describe, expect, it } from "vitest";
import { describeHealth } from "./describe.ts";
import { healthSchema } from "./schema.ts";

describe("health", () => {
  it("describes a healthy worker in one line", () => {
    expect(describeHealth({ status: "ok", version: "0.1.0", database: "ok", lastCronAt: null })).toBe(
      "worker ok · v0.1.0 · database ok",
    );
  });

  it("rejects a body that is not a health report, naming the field", () => {
    const result = healthSchema.safeParse({ status: "fine", version: "1", database: "ok", lastCronAt: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["status"]);
  });
});
