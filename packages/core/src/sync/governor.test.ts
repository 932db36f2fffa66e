import { describe, expect, it } from "vitest";
import { createGovernor, mapGoverned } from "./governor.ts";

describe("concurrency governor", () => {
  it("halves on a 429, pauses everyone for the Retry-After, and grows again while Webex answers", async () => {
    let clock = 0;
    const slept: number[] = [];
    const governor = createGovernor({
      initial: 8,
      now: () => clock,
      sleep: async (ms) => void slept.push(ms),
    });
    governor.onThrottled(3);
    expect(governor.limit).toBe(4);
    await governor.pace();
    expect(slept).toEqual([3000]);
    clock = 3000;
    await governor.pace();
    expect(slept).toHaveLength(1);
    for (let i = 0; i < 4; i++) governor.onSuccess();
    expect(governor.limit).toBe(5);
  });

  it("never runs more tasks at once than its limit", async () => {
    const governor = createGovernor({ initial: 3 });
    let running = 0;
    let peak = 0;
    await mapGoverned(
      governor,
      Array.from({ length: 20 }, (_, i) => i),
      async () => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
      },
    );
    expect(peak).toBeLessThanOrEqual(3);
  });
});
