import { describe, expect, it } from "vitest";
import { nextCronTime, nextRun, parseCron } from "./cron.ts";

const at = (iso: string) => new Date(iso);

describe("cron schedules", () => {
  it("finds the next matching minute", () => {
    expect(nextCronTime(parseCron("30 2 * * *"), at("2026-11-24T10:00:00Z")).toISOString()).toBe(
      "2026-11-25T02:30:00.000Z",
    );
    expect(nextCronTime(parseCron("*/15 * * * *"), at("2026-11-24T10:07:30Z")).toISOString()).toBe(
      "2026-11-24T10:15:00.000Z",
    );
    expect(nextCronTime(parseCron("0 6 * * 1"), at("2026-11-24T10:00:00Z")).toISOString()).toBe(
      "2026-11-30T06:00:00.000Z",
    );
    expect(nextCronTime(parseCron("0 0 1 1 *"), at("2026-11-24T10:00:00Z")).toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
  });

  it("names the field that is wrong", () => {
    expect(() => parseCron("61 * * * *")).toThrow('minute: "61" is outside 0-59');
    expect(() => parseCron("* * * *")).toThrow("expected 5 fields");
    expect(() => parseCron("* x * * *")).toThrow("hour:");
  });

  it("uses the interval when there is no expression", () => {
    expect(nextRun({ intervalMinutes: 60, cron: null }, at("2026-11-24T10:00:00Z")).toISOString()).toBe(
      "2026-11-24T11:00:00.000Z",
    );
  });
});
