import { describe, expect, it } from "vitest";
import type { Obj } from "../tenant/collection.ts";
import { call, getJson, mintToken, quietSim } from "../testkit.ts";

const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });

describe("control API", () => {
  it("mints tokens for the partner or a customer org with chosen scopes", async () => {
    const sim = quietSim();
    const res = await sim.request("/_sim/tokens", json({ org: 1, scopes: ["spark-admin:people_read"] }));
    expect(res.status).toBe(201);
    const t = (await res.json()) as Obj;
    expect(t).toMatchObject({
      token_type: "Bearer",
      orgId: sim.sim.tenant.customers[1]!.id,
      scope: "spark-admin:people_read",
    });
    expect((await call(sim, String(t.access_token), "/people")).status).toBe(200);
  });

  it("adds, changes and deletes objects, and a following API read sees it", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    const org = sim.sim.tenant.customers[0]!;
    const add = await sim.request(
      "/_sim/orgs/0/teams",
      json({ name: "Added Team", description: "x", created: "2024-01-01T00:00:00.000Z" }),
    );
    const [team] = ((await add.json()) as { items: Obj[] }).items;
    expect(String(team!.id)).toMatch(/^Y2lz/);
    await sim.request(`/_sim/orgs/0/teams/${String(team!.id)}`, {
      method: "PATCH",
      body: JSON.stringify({ name: "Renamed" }),
    });
    expect(await getJson(sim, token, `/teams/${String(team!.id)}?orgId=${org.id}`)).toMatchObject({
      name: "Renamed",
    });
    expect((await sim.request(`/_sim/orgs/0/teams/${String(team!.id)}`, { method: "DELETE" })).status).toBe(
      204,
    );
    expect((await call(sim, token, `/teams/${String(team!.id)}?orgId=${org.id}`)).status).toBe(404);
  });

  it("moves a device to another owner", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    const org = sim.sim.tenant.customers[1]!;
    const device = org.collections.devices.items.find((d) => d.personId)!;
    const target = org.collections.workspaces.items[0]!;
    const res = await sim.request(
      `/_sim/orgs/1/devices/${String(device.id)}/move`,
      json({ workspaceId: target.id }),
    );
    expect(res.status).toBe(200);
    const listed = await getJson<{ items: Obj[] }>(
      sim,
      token,
      `/devices?orgId=${org.id}&workspaceId=${String(target.id)}`,
    );
    expect(listed.items.map((d) => d.id)).toContain(device.id);
    expect(listed.items.find((d) => d.id === device.id)!.personId).toBeUndefined();
  });

  it("expires tokens on request and counts live tokens, requests and objects in stats", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    await call(sim, token, "/roles");
    await call(sim, token, `/people/${String(sim.sim.tenant.partner.adminId)}`);
    const stats = (await (await sim.request("/_sim/stats")).json()) as {
      requests: { endpoints: Record<string, Record<string, number>> };
      tokens: { access: number };
      objects: Record<string, Record<string, number>>;
    };
    expect(stats.requests.endpoints["GET /v1/roles"]).toEqual({ "200": 1 });
    expect(stats.requests.endpoints["GET /v1/people/{id}"]).toEqual({ "200": 1 });
    expect(stats.tokens.access).toBe(1);
    expect(stats.objects[sim.sim.tenant.customers[0]!.id]!.people).toBe(12);
    await sim.request("/_sim/tokens/expire", json({ token }));
    expect((await call(sim, token, "/roles")).status).toBe(401);
  });

  it("resets the tenant, tokens and clock", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    await sim.request(`/_sim/orgs/0/people/${String(sim.sim.tenant.customers[0]!.adminId)}`, {
      method: "DELETE",
    });
    await sim.request("/_sim/clock/advance", json({ seconds: 10 }));
    await sim.request("/_sim/reset", { method: "POST" });
    expect(sim.sim.tenant.customers[0]!.collections.people.size).toBe(12);
    expect((await call(sim, token, "/roles")).status).toBe(401);
    expect(((await (await sim.request("/_sim/clock")).json()) as Obj).offsetMs).toBe(0);
  });

  it("keeps preset tokens across resets", async () => {
    const sim = quietSim({ presetTokens: [{ token: "fixed-token", org: 0 }] });
    expect((await call(sim, "fixed-token", "/people")).status).toBe(200);
    await sim.request("/_sim/reset", { method: "POST" });
    expect((await call(sim, "fixed-token", "/people")).status).toBe(200);
  });
});
