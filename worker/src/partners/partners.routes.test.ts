import {
  SIM_DEFAULT_SERVICE_APP_CLIENT_ID,
  SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET,
  SIM_DEFAULT_SERVICE_APP_ID,
} from "@wxsync/webex-sim";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";
import { connect, type SimOrg, sim, simOrgs, waitForRun } from "../../test/sim.ts";

let admin: Record<string, string>;
let orgs: SimOrg[];
const post = (path: string, body: unknown) =>
  call(path, {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  orgs = await simOrgs();
});

describe("partners", () => {
  it("connects once, lists the managed organizations and adopts the chosen ones as customers", async () => {
    const partnerOrg = orgs.find((o) => o.ref === "partner")!;
    const created = await post("/api/v1/partners", { name: "Demo Partner", organizationId: partnerOrg.uuid });
    expect(created.status).toBe(201);
    const partner = await created.json<{ id: string }>();

    const notYet = await call(`/api/v1/partners/${partner.id}/organizations`, { headers: admin });
    expect(notYet.status).toBe(409);

    expect((await connect(`/api/v1/partners/${partner.id}/connect`, admin, partnerOrg.uuid)).status).toBe(
      200,
    );
    const listed = await (
      await call(`/api/v1/partners/${partner.id}/organizations`, { headers: admin })
    ).json<{ items: { orgId: string; orgUuid: string; displayName: string; customerId: string | null }[] }>();
    const customerOrgs = orgs.filter((o) => o.ref !== "partner");
    expect(listed.items.map((o) => o.orgUuid).sort()).toEqual(customerOrgs.map((o) => o.uuid).sort());

    const bad = await post(`/api/v1/partners/${partner.id}/customers`, {
      organizations: [{ orgId: listed.items[0]!.orgId }, { orgId: "not-an-org" }],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { message: string } }>()).error.message).toContain(
      "body.organizations.1.orgId",
    );
    expect(
      (await (await call("/api/v1/customers", { headers: admin })).json<{ items: unknown[] }>()).items,
    ).toHaveLength(0);

    const adopted = await post(`/api/v1/partners/${partner.id}/customers`, {
      organizations: listed.items.slice(0, 2).map((o) => ({ orgId: o.orgId })),
    });
    expect(adopted.status).toBe(201);
    const customers = (
      await adopted.json<{
        items: {
          id: string;
          name: string;
          partnerId: string;
          tokenHealth: { status: string; via: string };
        }[];
      }>()
    ).items;
    expect(customers).toHaveLength(2);
    expect(customers[0]).toMatchObject({
      partnerId: partner.id,
      tokenHealth: { status: "ok", via: "partner" },
    });

    // Adopted customers sync through the partner's token (with orgId), starting with roles and licences.
    const runs = await (await call(`/api/v1/customers/${customers[0]!.id}/runs`, { headers: admin })).json<{
      items: { id: string }[];
    }>();
    const run = await waitForRun(customers[0]!.id, runs.items[0]!.id, admin);
    expect(run.status).toBe("succeeded");
    const orgRows = await (
      await call(`/api/v1/customers/${customers[0]!.id}/models/Organization`, { headers: admin })
    ).json<{ items: { id: string }[] }>();
    expect(orgRows.items[0]!.id).toBe(listed.items[0]!.orgId);

    const again = await (
      await call(`/api/v1/partners/${partner.id}/organizations`, { headers: admin })
    ).json<{ items: { customerId: string | null }[] }>();
    expect(again.items.filter((o) => o.customerId).length).toBe(2);
  });

  it("stores a Service App's tokens for an adopted customer, requested with the partner's token, and refreshes them", async () => {
    const customers = (
      await (await call("/api/v1/customers", { headers: admin })).json<{ items: { id: string }[] }>()
    ).items;
    const id = customers[0]!.id;
    const put = await call(`/api/v1/customers/${id}/service-app`, {
      method: "PUT",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({
        applicationId: SIM_DEFAULT_SERVICE_APP_ID,
        clientId: SIM_DEFAULT_SERVICE_APP_CLIENT_ID,
        clientSecret: SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET,
      }),
    });
    expect(put.status).toBe(200);
    const text = await put.text();
    expect(text).not.toContain(SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET);
    expect(JSON.parse(text)).toMatchObject({
      tokenHealth: { status: "ok", kind: "service_app", via: "own" },
    });
    const refreshed = await (
      await call(`/api/v1/customers/${id}/tokens/refresh`, { method: "POST", headers: admin })
    ).json<{ outcome: string }>();
    expect(refreshed.outcome).toBe("refreshed");

    const wrong = await call(`/api/v1/customers/${id}/service-app`, {
      method: "PUT",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({
        applicationId: SIM_DEFAULT_SERVICE_APP_ID,
        clientId: "nope",
        clientSecret: "nope",
      }),
    });
    expect(wrong.status).toBe(502);
    expect((await wrong.json<{ error: { message: string } }>()).error.message).toContain("Service App");
  });

  it("is invisible to keys scoped to some customers", async () => {
    const scoped = (await createKey("admin", { scope: ["11111111-2222-4333-8444-555555555555"] })).headers;
    expect(await (await call("/api/v1/partners", { headers: scoped })).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
