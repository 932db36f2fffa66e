import { describe, expect, it } from "vitest";
import { BROADWORKS_ERROR_CODES, explainBroadworksError } from "./errors.ts";

// Every code Cisco's directory-sync article lists (600016 and 600021 are not in it).
const LISTED = [
  ...Array.from({ length: 16 }, (_, i) => 600000 + i),
  ...Array.from({ length: 4 }, (_, i) => 600017 + i),
  ...Array.from({ length: 8 }, (_, i) => 600022 + i),
];

describe("explainBroadworksError", () => {
  it("explains every listed code with a meaning and an action", () => {
    expect(BROADWORKS_ERROR_CODES).toEqual(LISTED);
    for (const code of LISTED) {
      const e = explainBroadworksError(code);
      expect(e.code).toBe(code);
      expect(e.known, String(code)).toBe(true);
      expect(e.meaning.trim().length, String(code)).toBeGreaterThan(20);
      expect(e.action.trim().length, String(code)).toBeGreaterThan(20);
    }
  });

  it("gives each code its own meaning", () => {
    const meanings = new Set(LISTED.map((c) => explainBroadworksError(c).meaning));
    expect(meanings.size).toBe(LISTED.length);
  });

  it("tells the administrator to wait for the cluster's running sync on 600009", () => {
    const e = explainBroadworksError(600009);
    expect(e.meaning).toMatch(/already running an on-demand sync/);
    expect(e.action).toMatch(/Wait for that sync to finish, then try again/);
    expect(e.action).toMatch(/sync-all/);
  });

  it("says plainly when a code is unknown, and points to Cisco support with the tracking id", () => {
    for (const code of [6003, 600016, 600021, 600030, 0]) {
      const e = explainBroadworksError(code);
      expect(e).toMatchObject({ code, known: false });
      expect(e.meaning).toBe(`Webex reported error code ${code}, which wxsync does not know.`);
      expect(e.action).toMatch(/tracking id/);
    }
  });
});
