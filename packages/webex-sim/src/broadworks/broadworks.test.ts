import { beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../app.ts";
import type { Obj } from "../tenant/collection.ts";
import type { Enterprise } from "../tenant/types.ts";
import { call, getJson, mintToken, quietSim } from "../testkit.ts";

let sim: Simulator;
let token: string;
let enterprises: Enterprise[];

beforeEach(async () => {
  sim = quietSim({
    customers: [40, 60, 80],
    broadworks: { failureRate: 0, syncBaseMs: 60_000, syncPerUserMs: 0 },
  });
  token = await mintToken(sim);
  enterprises = sim.sim.tenant.enterprises;
});

const path = (e: Enterprise, suffix = "") =>
  `/broadworks/enterprises/${e.id}/broadworksDirectorySync${suffix}`;
const send = (method: string, url: string, body: unknown) =>
  call(sim, token, url, { method, body: JSON.stringify(body) });
const advance = (ms: number) =>
  sim.request("/_sim/clock/advance", { method: "POST", body: JSON.stringify({ ms }) });
const status = async (e: Enterprise) =>
  (await getJson<{ directorySyncStatus: Obj }>(sim, token, path(e))).directorySyncStatus;

describe("BroadWorks enterprises", () => {
  it("lists enterprises, filtered by spEnterpriseId and startsWith", async () => {
    const all = await getJson<{ items: Obj[] }>(sim, token, "/broadworks/enterprises");
    expect(all.items.length).toBe(3);
    const sp = String(all.items[1]!.spEnterpriseId);
    expect(
      (
        await getJson<{ items: Obj[] }>(
          sim,
          token,
          `/broadworks/enterprises?spEnterpriseId=${encodeURIComponent(sp)}`,
        )
      ).items.length,
    ).toBe(1);
    expect(
      (await getJson<{ items: Obj[] }>(sim, token, "/broadworks/enterprises?startsWith=reseller1")).items
        .length,
    ).toBe(3);
    expect(
      (await getJson<{ items: Obj[] }>(sim, token, "/broadworks/enterprises?startsWith=nope")).items.length,
    ).toBe(0);
  });

  it("runs a sync: refused while disabled, IN_PROGRESS for a while, then COMPLETE with counts", async () => {
    const e = enterprises[0]!;
    expect((await send("POST", path(e), { syncStatus: "SYNC_NOW" })).status).toBe(400);
    expect(await (await send("PUT", path(e), { enableDirSync: true })).json()).toEqual({
      enableDirSync: true,
      directorySyncStatus: { syncStatus: "NOT_SYNCED" },
    });
    const started = await send("POST", path(e), { syncStatus: "SYNC_NOW" });
    expect(await started.json()).toEqual({
      enableDirSync: true,
      directorySyncStatus: { syncStatus: "IN_PROGRESS" },
    });
    await advance(30_000);
    expect((await status(e)).syncStatus).toBe("IN_PROGRESS");
    await advance(30_000);
    const done = await status(e);
    expect(done).toMatchObject({
      syncStatus: "COMPLETE",
      usersAdded: e.users.filter((u) => !u.machine).length,
      machinesAdded: e.users.filter((u) => u.machine).length,
    });
    expect(String(done.lastSyncTrackingId)).toMatch(/^NA_/);
    // A second sync after a BroadWorks-side change reports the update and deletion.
    const users = sim.sim.tenant.enterprises[0]!.users;
    await sim.request(`/_sim/broadworks/${e.id}/users`, {
      method: "POST",
      body: JSON.stringify({ action: "change", userId: users[0]!.userId, lastName: "Changed" }),
    });
    await sim.request(`/_sim/broadworks/${e.id}/users`, {
      method: "POST",
      body: JSON.stringify({ action: "delete", userId: users[1]!.userId }),
    });
    await send("POST", path(e), { syncStatus: "SYNC_NOW" });
    await advance(60_000);
    expect(await status(e)).toMatchObject({
      syncStatus: "COMPLETE",
      usersAdded: 0,
      usersUpdated: 1,
      usersDeleted: 1,
    });
  });

  it("allows one on-demand sync per cluster: a second on the same cluster gets 429", async () => {
    const [a, b, c] = enterprises;
    expect(a!.cluster).toBe(c!.cluster);
    expect(a!.cluster).not.toBe(b!.cluster);
    for (const e of enterprises) await send("PUT", path(e), { enableDirSync: true });
    expect((await send("POST", path(a!), { syncStatus: "SYNC_NOW" })).status).toBe(200);
    const refused = await send("POST", path(c!), { syncStatus: "SYNC_NOW" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).not.toBeNull();
    expect((await send("POST", path(b!), { syncStatus: "SYNC_NOW" })).status).toBe(200);
    expect((await send("PUT", path(a!), { enableDirSync: false })).status).toBe(409);
    await advance(60_000);
    expect((await send("POST", path(c!), { syncStatus: "SYNC_NOW" })).status).toBe(200);
  });

  it("fails a sync with a 6000xx code when scripted", async () => {
    const e = enterprises[1]!;
    await send("PUT", path(e), { enableDirSync: true });
    await sim.request(`/_sim/broadworks/${e.id}/next-sync`, {
      method: "POST",
      body: JSON.stringify({ failCode: 600014, durationMs: 1000 }),
    });
    await send("POST", path(e), { syncStatus: "SYNC_NOW" });
    await advance(1000);
    const s = await status(e);
    expect(s.syncStatus).toBe("FAILED");
    expect(s.errors).toEqual([
      { errorCode: 600014, description: expect.stringContaining("BroadWorks cluster") },
    ]);
  });

  it("syncs a single user: needs a completed sync first, then ADD / UPDATE / NO_OPERATION / DELETE", async () => {
    const e = enterprises[2]!;
    const one = (userId: string) => send("POST", path(e, "/externalUser"), { userId });
    await send("PUT", path(e), { enableDirSync: true });
    const early = await one(e.users[0]!.userId);
    expect(early.status).toBe(400);
    expect(((await early.json()) as { errors: Obj[] }).errors[0]!.errorCode).toBe(600028);
    await send("POST", path(e), { syncStatus: "SYNC_NOW" });
    await advance(60_000);
    const control = (body: unknown) =>
      sim.request(`/_sim/broadworks/${e.id}/users`, { method: "POST", body: JSON.stringify(body) });
    await control({
      action: "add",
      userId: "new.user@bw.example.com",
      firstName: "New",
      lastName: "User",
      extension: "4999",
    });
    expect(await (await one("new.user@bw.example.com")).json()).toMatchObject({
      status: "ADD",
      userResponse: { userId: "new.user@bw.example.com", extension: "4999" },
    });
    expect(((await (await one("new.user@bw.example.com")).json()) as Obj).status).toBe("NO_OPERATION");
    await control({ action: "change", userId: "new.user@bw.example.com", mobile: "+15550001111" });
    expect(((await (await one("new.user@bw.example.com")).json()) as Obj).status).toBe("UPDATE");
    await control({ action: "delete", userId: "new.user@bw.example.com" });
    expect(((await (await one("new.user@bw.example.com")).json()) as Obj).status).toBe("DELETE");
    const missing = await one("nobody@bw.example.com");
    expect(missing.status).toBe(404);
    const webexUser = sim.sim.tenant.customers[2]!.collections.people.items[0]!;
    expect((await one((webexUser.emails as string[])[0]!)).status).toBe(409);
  });

  it("adds enterprises and logs every Sync now, started or refused, through the control API", async () => {
    const added = await sim.request("/_sim/broadworks", {
      method: "POST",
      body: JSON.stringify({ count: 2, cluster: "BWKS-CLUSTER-EAST" }),
    });
    expect(added.status).toBe(201);
    const { items } = (await added.json()) as { items: { id: string; cluster: string }[] };
    expect(items.map((e) => e.cluster)).toEqual(["BWKS-CLUSTER-EAST", "BWKS-CLUSTER-EAST"]);
    for (const e of items)
      await send("PUT", `/broadworks/enterprises/${e.id}/broadworksDirectorySync`, { enableDirSync: true });
    const first = await send("POST", `/broadworks/enterprises/${items[0]!.id}/broadworksDirectorySync`, {
      syncStatus: "SYNC_NOW",
    });
    expect(first.status).toBe(200);
    const second = await send("POST", `/broadworks/enterprises/${items[1]!.id}/broadworksDirectorySync`, {
      syncStatus: "SYNC_NOW",
    });
    expect(second.status).toBe(429);
    const log = (await (await sim.request("/_sim/broadworks/log")).json()) as {
      items: { enterpriseId: string; endsAt?: number; refused?: number }[];
    };
    expect(log.items).toEqual([
      expect.objectContaining({ enterpriseId: items[0]!.id, endsAt: expect.any(Number) }),
      expect.objectContaining({ enterpriseId: items[1]!.id, refused: 429 }),
    ]);
  });
});
