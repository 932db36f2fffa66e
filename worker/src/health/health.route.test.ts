import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { call } from "../../test/helpers.ts";
import worker from "../index.ts";

describe("GET /api/v1/health", () => {
  it("answers without an API key, with the version and a real database check", async () => {
    const res = await call("/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(await res.json()).toEqual({
      status: "ok",
      version: pkg.version,
      database: "ok",
      lastCronAt: null,
    });
  });

  it("reports the last cron run once the scheduled handler has run", async () => {
    const scheduledTime = Date.parse("2026-11-24T06:00:00Z");
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime, cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const body = await (await call("/api/v1/health")).json();
    expect(body).toMatchObject({ status: "ok", lastCronAt: "2026-11-24T06:00:00.000Z" });
  });

  it("answers 503 with database error when D1 is unusable", async () => {
    const broken = {
      ...env,
      DB: {
        prepare() {
          throw new Error("D1 is down");
        },
        batch() {
          throw new Error("D1 is down");
        },
      },
    };
    const res = await worker.fetch(
      new Request("https://wxsync.test/api/v1/health"),
      broken as unknown as Env,
      createExecutionContext(),
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", database: "error" });
  });
});
