import { describe, expect, it } from "vitest";
import { testConnection } from "./connection.ts";

const key = `wxs_${"A".repeat(43)}`;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const health = json(200, { status: "ok", version: "0.1.0", database: "ok", lastCronAt: null });

function worker(whoami: () => Response): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    return path === "/api/v1/health" ? health.clone() : whoami();
  }) as typeof fetch;
}

describe("Test connection", () => {
  it("names the failing step: URL, permission, reachability, key", async () => {
    const bad = await testConnection(
      { workerUrl: "nope", apiKey: key },
      { fetch: worker(() => json(200, {})) },
    );
    expect(bad.steps.at(-1)).toMatchObject({ name: "Worker URL", ok: false });

    const denied = await testConnection(
      { workerUrl: "https://wxsync.example.com", apiKey: key },
      { fetch: worker(() => json(200, {})), hasPermission: async () => false },
    );
    expect(denied.steps.at(-1)?.message).toContain(
      "does not let the extension call https://wxsync.example.com",
    );

    const down = await testConnection(
      { workerUrl: "https://wxsync.example.com", apiKey: key },
      { fetch: (async () => Promise.reject(new TypeError("Failed to fetch"))) as typeof fetch },
    );
    expect(down.steps.at(-1)).toMatchObject({ name: "Reachable", ok: false });
    expect(down.steps.at(-1)?.message).toContain("CORS_ORIGINS");

    const refused = await testConnection(
      { workerUrl: "https://wxsync.example.com", apiKey: key },
      {
        fetch: worker(() =>
          json(401, {
            error: {
              code: "UNAUTHORIZED",
              message: "The API key is unknown or has been revoked.",
              requestId: "r",
            },
          }),
        ),
      },
    );
    expect(refused.steps.at(-1)).toMatchObject({ name: "API key", ok: false });
    expect(refused.steps.at(-1)?.message).toContain("unknown or has been revoked");
  });

  it("says who the key is and what its role allows", async () => {
    const viewer = await testConnection(
      { workerUrl: "https://wxsync.example.com", apiKey: key },
      {
        fetch: worker(() => json(200, { keyId: "k", name: "Reports", role: "viewer", scope: ["c1", "c2"] })),
      },
    );
    expect(viewer.ok).toBe(true);
    expect(viewer.steps.at(-1)?.message).toBe('"Reports", viewer role, for 2 customer(s)');
    expect(viewer.abilities).toEqual(["see customers, syncs, logs and reports", "export CSV"]);
    expect(viewer.abilities.join()).not.toContain("run syncs");
  });
});
