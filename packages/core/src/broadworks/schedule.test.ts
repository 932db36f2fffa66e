import { describe, expect, it } from "vitest";
import { SYNC_GRACE_HOURS, syncSchedule } from "./schedule.ts";
import type { DirectorySyncStatus } from "./schemas.ts";

const at = (iso: string) => new Date(iso);
const enabled = (status: DirectorySyncStatus | null, enabledAt?: string | null) => ({
  enabled: true,
  status,
  enabledAt,
});

const complete: DirectorySyncStatus = {
  syncStatus: "COMPLETE",
  lastSyncStartTime: "2024-03-01T10:00:00.123456Z",
  lastSyncEndTime: "2024-03-01T10:05:00.000000Z",
};
const failed: DirectorySyncStatus = {
  syncStatus: "FAILED",
  lastSyncStartTime: "2024-03-01T10:00:00Z",
  lastSyncEndTime: "2024-03-01T11:00:00Z",
  errors: [{ errorCode: 600014 }],
};

describe("syncSchedule", () => {
  it("expects the next sync a week after the last one, manual or scheduled", () => {
    const s = syncSchedule(enabled(complete), at("2024-03-03T00:00:00Z"));
    expect(s).toMatchObject({
      nextExpectedSyncAt: "2024-03-08T10:00:00.123Z",
      retryAt: null,
      overdue: false,
    });
    expect(s.note).toBe(
      "The next weekly sync is due around 2024-03-08 10:00 UTC, a week after the last one.",
    );
  });

  it("falls back to the end time when Webex gives no start time", () => {
    const s = syncSchedule(
      enabled({ syncStatus: "COMPLETE", lastSyncEndTime: "2024-03-01T10:05:00Z" }),
      at("2024-03-02T00:00:00Z"),
    );
    expect(s.nextExpectedSyncAt).toBe("2024-03-08T10:05:00.000Z");
  });

  it("expects the first sync a week after enabling, and says when it cannot know", () => {
    const s = syncSchedule(
      enabled({ syncStatus: "NOT_SYNCED" }, "2024-03-01T00:00:00Z"),
      at("2024-03-02T00:00:00Z"),
    );
    expect(s).toMatchObject({
      nextExpectedSyncAt: "2024-03-08T00:00:00.000Z",
      retryAt: null,
      overdue: false,
    });
    expect(s.note).toMatch(/^No sync yet: .* around 2024-03-08 00:00 UTC/);
    const unknown = syncSchedule(enabled({ syncStatus: "NOT_SYNCED" }, null), at("2024-06-01T00:00:00Z"));
    expect(unknown).toMatchObject({ nextExpectedSyncAt: null, retryAt: null, overdue: false });
    expect(unknown.note).toMatch(/does not know/);
  });

  it("expects a retry 24 hours after a failed sync ends, before the next weekly sync", () => {
    const s = syncSchedule(enabled(failed), at("2024-03-02T00:00:00Z"));
    expect(s).toMatchObject({
      nextExpectedSyncAt: "2024-03-08T10:00:00.000Z",
      retryAt: "2024-03-02T11:00:00.000Z",
      overdue: false,
    });
    expect(s.note).toMatch(/failed.*retry around 2024-03-02 11:00 UTC/);
    // Errors alone mark a failure, whatever the status word says.
    const withErrors = syncSchedule(
      enabled({ ...failed, syncStatus: "COMPLETE" }),
      at("2024-03-02T00:00:00Z"),
    );
    expect(withErrors.retryAt).toBe("2024-03-02T11:00:00.000Z");
  });

  it("expects no retry when it would fall after the next weekly sync", () => {
    const long = {
      ...failed,
      lastSyncStartTime: "2024-03-01T00:00:00Z",
      lastSyncEndTime: "2024-03-07T12:00:00Z",
    };
    const s = syncSchedule(enabled(long), at("2024-03-07T13:00:00Z"));
    expect(s).toMatchObject({
      nextExpectedSyncAt: "2024-03-08T00:00:00.000Z",
      retryAt: null,
      overdue: false,
    });
  });

  it(`counts a sync as overdue only ${SYNC_GRACE_HOURS} hours after it was due`, () => {
    expect(SYNC_GRACE_HOURS).toBe(6);
    expect(syncSchedule(enabled(complete), at("2024-03-08T16:00:00Z")).overdue).toBe(false);
    const late = syncSchedule(enabled(complete), at("2024-03-08T16:00:01Z"));
    expect(late.overdue).toBe(true);
    expect(late.note).toMatch(/should have tried to sync by 2024-03-08 10:00 UTC/);
    // After a failure the retry is what is due.
    expect(syncSchedule(enabled(failed), at("2024-03-02T17:00:00Z")).overdue).toBe(false);
    const noRetry = syncSchedule(enabled(failed), at("2024-03-02T17:00:01Z"));
    expect(noRetry.overdue).toBe(true);
    expect(noRetry.note).toMatch(/retry the failed sync by 2024-03-02 11:00 UTC/);
  });

  it("expects nothing while directory sync is off", () => {
    const s = syncSchedule(
      { enabled: false, status: complete, enabledAt: "2024-01-01T00:00:00Z" },
      at("2025-01-01T00:00:00Z"),
    );
    expect(s).toMatchObject({ nextExpectedSyncAt: null, retryAt: null, overdue: false });
    expect(s.note).toMatch(/off/);
  });

  it("is never overdue while a sync is running", () => {
    const running = { syncStatus: "IN_PROGRESS", lastSyncStartTime: "2024-03-01T10:00:00Z" };
    const s = syncSchedule(enabled(running), at("2024-03-20T00:00:00Z"));
    expect(s).toMatchObject({
      nextExpectedSyncAt: "2024-03-08T10:00:00.000Z",
      retryAt: null,
      overdue: false,
    });
    expect(s.note).toMatch(/running now/);
  });
});
