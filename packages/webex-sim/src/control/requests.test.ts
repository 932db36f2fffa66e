import { describe, expect, it } from "vitest";
import { call, mintToken, quietSim } from "../testkit.ts";
import type { LoggedRequest } from "./requests.ts";

type Log = { items: LoggedRequest[]; last: number };
const log = async (sim: ReturnType<typeof quietSim>, after = 0) =>
  (await (await sim.request(`/_sim/requests?after=${after}`)).json()) as Log;

describe("GET /_sim/requests", () => {
  it("logs each Webex API request with the org it acted on, the token's org and the orgId sent", async () => {
    const sim = quietSim();
    const partner = sim.sim.tenant.partner;
    const customer = sim.sim.tenant.customers[1]!;
    const token = await mintToken(sim);
    expect((await call(sim, token, "/people?max=1")).status).toBe(200);
    const person = customer.collections.people.items[0]!;
    const patched = await call(sim, token, `/people/${String(person.id)}?orgId=${customer.id}`, {
      method: "PUT",
      body: JSON.stringify({ ...person, displayName: "Logged" }),
    });
    expect(patched.status).toBe(200);
    expect((await call(sim, "not-a-token", "/people")).status).toBe(401);

    const { items, last } = await log(sim);
    expect(items.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(last).toBe(3);
    expect(items[0]).toMatchObject({
      method: "GET",
      path: "/v1/people",
      orgId: null,
      tokenOrgUuid: partner.uuid,
      actingOrgUuid: partner.uuid,
      status: 200,
    });
    expect(items[1]).toMatchObject({
      method: "PUT",
      orgId: customer.id,
      tokenOrgUuid: partner.uuid,
      actingOrgUuid: customer.uuid,
      status: 200,
    });
    expect(items[2]).toMatchObject({ tokenOrgUuid: null, actingOrgUuid: null, status: 401 });
    // Control requests are not Webex requests.
    expect(items.some((e) => e.path.startsWith("/_sim"))).toBe(false);
  });

  it("answers only what came after a sequence number, refuses a bad one, and forgets everything on reset", async () => {
    const sim = quietSim();
    const token = await mintToken(sim);
    await call(sim, token, "/people?max=1");
    await call(sim, token, "/locations");
    expect((await log(sim, 1)).items.map((e) => e.path)).toEqual(["/v1/locations"]);
    expect((await log(sim, 2)).items).toEqual([]);
    expect((await sim.request("/_sim/requests?after=-1")).status).toBe(400);
    await sim.request("/_sim/reset", { method: "POST" });
    expect(await log(sim)).toEqual({ items: [], last: 0 });
  });

  it("records a request a partner token makes for an org it may not act on, as refused and acting on none", async () => {
    const sim = quietSim();
    const customer = sim.sim.tenant.customers[0]!;
    const other = sim.sim.tenant.customers[1]!;
    const token = await mintToken(sim, { org: 0 });
    expect((await call(sim, token, `/people?orgId=${other.id}`)).status).toBe(403);
    const [entry] = (await log(sim)).items;
    expect(entry).toMatchObject({ orgId: other.id, tokenOrgUuid: customer.uuid, actingOrgUuid: null });
  });
});
