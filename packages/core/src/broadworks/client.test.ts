import { createSimulator } from "@wxsync/webex-sim";
import { describe, expect, it } from "vitest";
import { createWebexClient, type WebexClientOptions } from "../webex/client.ts";
import { WebexApiError } from "../webex/errors.ts";
import { getDirectorySync, listEnterprises, setDirectorySync, syncExternalUser, syncNow } from "./client.ts";
import { explainBroadworksError } from "./errors.ts";

const PARTNER_TOKEN = "test-partner-token";

/** A simulator with five customers on two BroadWorks clusters, and a partner token with the BroadWorks scopes. */
async function partnerSim() {
  const sim = createSimulator({
    customers: [20, 20, 20, 20, 20],
    latencyMs: 0,
    jitterMs: 0,
    rateLimit: false,
    broadworks: { failureRate: 0, syncBaseMs: 60_000, syncPerUserMs: 0 },
    presetTokens: [
      {
        token: PARTNER_TOKEN,
        org: "partner",
        scopes: ["spark-admin:broadworks_enterprises_read", "spark-admin:broadworks_enterprises_write"],
      },
    ],
  });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(new Request(input, init))) as typeof globalThis.fetch;
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`http://sim.test/_sim${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  const client = (extra: Partial<WebexClientOptions> = {}) =>
    createWebexClient({
      baseUrl: "http://sim.test/v1",
      token: () => PARTNER_TOKEN,
      fetch,
      sleep: async () => {},
      ...extra,
    });
  return { client, advance: (ms: number) => control("/clock/advance", { ms }), control };
}

describe("BroadWorks directory sync client against the simulator", () => {
  it("lists every enterprise across pages, and filters by prefix and by id", async () => {
    const { client } = await partnerSim();
    const webex = client();
    const all = await listEnterprises(webex);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((e) => e.id)).size).toBe(5);
    expect(all.every((e) => e.broadworksDirectorySync?.enableDirSync === false)).toBe(true);
    // Two per page: three pages, the filter kept on each.
    const requests: string[] = [];
    const counted = client({ onResponse: (r) => requests.push(r.path) });
    const paged = await listEnterprises(counted, { startsWith: "reseller1+" }, 2);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(requests).toHaveLength(3);
    expect(await listEnterprises(webex, { startsWith: "Reseller2" })).toEqual([]);
    const one = await listEnterprises(webex, { spEnterpriseId: all[3]!.spEnterpriseId });
    expect(one.map((e) => e.id)).toEqual([all[3]!.id]);
  });

  it("enables sync, runs Sync now to COMPLETE, and refuses a second on-demand sync on the same cluster", async () => {
    const { client, advance } = await partnerSim();
    const webex = client();
    // No throttle retries: a 429 here is an answer ("the cluster is busy"), not a reason to wait.
    const once = client({ maxThrottleRetries: 0 });
    const [first, second, third] = await listEnterprises(webex);
    for (const e of [first!, third!]) {
      expect(await setDirectorySync(webex, e.id, true)).toEqual({
        enableDirSync: true,
        directorySyncStatus: { syncStatus: "NOT_SYNCED" },
      });
    }
    expect((await syncNow(once, first!.id)).directorySyncStatus?.syncStatus).toBe("IN_PROGRESS");

    // The first and third enterprises share a cluster (the simulator alternates two clusters).
    const refused = await syncNow(once, third!.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WebexApiError);
    const error = refused as WebexApiError;
    expect(error.status).toBe(429);
    expect(error.details.code).toBe("600009");
    expect(explainBroadworksError(Number(error.details.code)).known).toBe(true);
    // A disabled enterprise on the other cluster is refused for its own reason.
    const disabled = (await syncNow(once, second!.id).catch((e: unknown) => e)) as WebexApiError;
    expect([disabled.status, disabled.details.code]).toEqual([400, "600011"]);

    let status = await getDirectorySync(webex, first!.id);
    let polls = 0;
    while (status.directorySyncStatus?.syncStatus === "IN_PROGRESS") {
      expect(++polls).toBeLessThan(10);
      await advance(15_000);
      status = await getDirectorySync(webex, first!.id);
    }
    expect(polls).toBe(4);
    const done = status.directorySyncStatus!;
    expect(done.syncStatus).toBe("COMPLETE");
    expect(done.usersAdded).toBeGreaterThan(0);
    expect(done.lastSyncTrackingId).toMatch(/^NA_/);
    expect(Date.parse(done.lastSyncEndTime!) - Date.parse(done.lastSyncStartTime!)).toBe(60_000);
    // The cluster is free again.
    expect((await syncNow(once, third!.id)).directorySyncStatus?.syncStatus).toBe("IN_PROGRESS");
  });

  it("syncs a single BroadWorks-only user once the enterprise has synced", async () => {
    const { client, advance, control } = await partnerSim();
    const webex = client();
    const [e] = await listEnterprises(webex);
    await setDirectorySync(webex, e!.id, true);
    const userId = "pat.jones@bw.example.com";
    await control(`/broadworks/${encodeURIComponent(e!.id)}/users`, {
      action: "add",
      userId,
      firstName: "Pat",
      lastName: "Jones",
      extension: "4711",
    });
    const early = (await syncExternalUser(webex, e!.id, userId).catch((x: unknown) => x)) as WebexApiError;
    expect(early.details.code).toBe("600028");
    await syncNow(webex, e!.id);
    await advance(60_000);
    expect((await getDirectorySync(webex, e!.id)).directorySyncStatus?.syncStatus).toBe("COMPLETE");
    expect(await syncExternalUser(webex, e!.id, userId)).toMatchObject({
      status: "NO_OPERATION",
      userResponse: { userId, firstName: "Pat", lastName: "Jones", extension: "4711" },
    });
    await control(`/broadworks/${encodeURIComponent(e!.id)}/users`, {
      action: "change",
      userId,
      mobile: "+15550001111",
    });
    expect(await syncExternalUser(webex, e!.id, userId)).toMatchObject({
      status: "UPDATE",
      userResponse: { mobile: "+15550001111" },
    });
  });

  it("names the call when Webex's answer is not usable", async () => {
    const webex = createWebexClient({
      baseUrl: "http://sim.test/v1",
      token: () => "t",
      fetch: async () => Response.json({ directorySyncStatus: { syncStatus: "COMPLETE" } }),
    });
    const error = (await getDirectorySync(webex, "ENT/1").catch((x: unknown) => x)) as WebexApiError;
    expect(error).toBeInstanceOf(WebexApiError);
    expect(error.message).toMatch(
      /^Webex's answer to GET \/broadworks\/enterprises\/ENT%2F1\/broadworksDirectorySync is not usable: enableDirSync/,
    );
    expect(error.details.path).toBe("/broadworks/enterprises/ENT%2F1/broadworksDirectorySync");
  });
});
