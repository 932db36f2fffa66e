/**
 * A partner's adopted customers seen by keys scoped to one of them: the critical reproductions of issue 14
 * (a scoped admin re-pointing its customer at another customer's org, then reading and writing there) and the
 * partner token's guard, the managed-organization list as last read from Webex.
 */
import { env } from "cloudflare:workers";
import { initialRunState } from "@wxsync/core/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, expectJson, sendJson } from "../../test/helpers.ts";
import { connect, type SimOrg, sim, simObjects, simOrgs, waitForRun } from "../../test/sim.ts";
import { parseEnv } from "../env.ts";
import { createServices } from "../lib/services.ts";
import { advanceRun } from "../sync/runs.ts";

type Headers = Record<string, string>;
type Customer = { id: string; name: string; orgId: string; orgUuid: string };
const send = (headers: Headers, path: string, body?: unknown, method = "POST") =>
  sendJson(method, path, headers, body);
const json = expectJson;
const message = async (res: Response) => (await res.json<{ error: { message: string } }>()).error.message;
const options = {
  quickImport: false,
  refreshExisting: true,
  allowAdd: true,
  allowUpdate: true,
  allowRemove: true,
};
const euId = (uuid: string) => btoa(`ciscospark://eu/ORGANIZATION/${uuid}`).replace(/=+$/, "");
/** The move issue 14 reproduced; each test below tries it again and, whatever the answer, must stay inside S. */
const tryMoveToTyrell = () =>
  send(scopedAdmin, `/api/v1/customers/${s.id}`, { organizationId: euId(orgs.tyrell.uuid) }, "PATCH");

let admin: Headers;
let partnerId: string;
let orgs: { s: SimOrg; tyrell: SimOrg; third: SimOrg };
let s: Customer;
let tyrell: Customer;
let third: Customer;
let scopedAdmin: Headers;
let scopedOperator: Headers;
let scopedViewer: Headers;
let tyrellPhone: string;

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin", { name: "partner admin" })).headers;
  const all = await simOrgs();
  const ref = (r: string) => all.find((o) => o.ref === r)!;
  orgs = { s: ref("0"), tyrell: ref("1"), third: ref("2") };
  const partner = await json<{ id: string }>(
    await send(admin, "/api/v1/partners", { name: "Isolation Partner", organizationId: ref("partner").uuid }),
    201,
  );
  partnerId = partner.id;
  expect((await connect(`/api/v1/partners/${partnerId}/connect`, admin, ref("partner").uuid)).status).toBe(
    200,
  );
  // One phone in Tyrell's org that the scoped keys must never reach.
  const phones = await sim<{ items: { id: string }[] }>(
    "POST",
    `/orgs/${orgs.tyrell.ref}/third-party-devices`,
    {
      count: 1,
    },
  );
  tyrellPhone = phones.items[0]!.id;
  const adopted = await json<{ items: Customer[] }>(
    await send(admin, `/api/v1/partners/${partnerId}/customers`, {
      organizations: [
        { orgId: orgs.s.id, name: "Small Co" },
        { orgId: orgs.tyrell.id, name: "Tyrell" },
        { orgId: orgs.third.id, name: "Third Co" },
      ],
      syncOnCreate: false,
    }),
    201,
  );
  [s, tyrell, third] = adopted.items as [Customer, Customer, Customer];
  scopedAdmin = (await createKey("admin", { name: "S admin", scope: [s.id] })).headers;
  scopedOperator = (await createKey("operator", { name: "S operator", scope: [s.id] })).headers;
  scopedViewer = (await createKey("viewer", { name: "S viewer", scope: [s.id] })).headers;
}, 60_000);

describe("a scoped admin cannot move its adopted customer to another org (issue 14, critical 2)", () => {
  it("refuses every organizationId change with 409 naming the field, and names no other customer", async () => {
    for (const organizationId of [
      orgs.tyrell.uuid,
      euId(orgs.tyrell.uuid),
      "e1e1e1e1-2222-4333-8444-555555555555", // an org no customer has
    ]) {
      const res = await send(scopedAdmin, `/api/v1/customers/${s.id}`, { organizationId }, "PATCH");
      expect(res.status, organizationId).toBe(409);
      const said = await message(res);
      expect(said).toContain("body.organizationId");
      expect(said).toContain("delete and re-add");
      for (const secret of ["Tyrell", tyrell.id, tyrell.orgId]) expect(said).not.toContain(secret);
    }
    // The same org in another spelling is no change at all.
    const same = await send(
      scopedAdmin,
      `/api/v1/customers/${s.id}`,
      { organizationId: euId(orgs.s.uuid) },
      "PATCH",
    );
    expect(await json(same)).toMatchObject({ orgId: s.orgId, orgUuid: orgs.s.uuid });
  });

  it("refuses a second spelling of an existing customer's org on create (409)", async () => {
    const spelled = btoa(`ciscospark://eu/ORGANIZATION/${orgs.tyrell.uuid.toUpperCase()}`);
    const res = await send(admin, "/api/v1/customers", { name: "Tyrell Twin", organizationId: spelled });
    expect(res.status).toBe(409);
    expect(await message(res)).toContain("body.organizationId");
  });

  it("so a viewer scoped to it reads its own users only, never Tyrell's", async () => {
    await tryMoveToTyrell();
    expect((await call(`/api/v1/customers/${tyrell.id}/models/User`, { headers: scopedViewer })).status).toBe(
      404,
    );
    const started = await json<{ runId: string }>(
      await send(scopedOperator, `/api/v1/customers/${s.id}/actions/sync-users`),
      202,
    );
    expect((await waitForRun(s.id, started.runId, scopedViewer, 60_000)).status).toBe("succeeded");
    const users = await json<{ items: { id: string }[] }>(
      await call(`/api/v1/customers/${s.id}/models/User?limit=1000`, { headers: scopedViewer }),
    );
    const own = new Set((await simObjects(orgs.s.ref, "people")).map((p) => String(p.id)));
    const theirs = new Set((await simObjects(orgs.tyrell.ref, "people")).map((p) => String(p.id)));
    expect(users.items.length).toBeGreaterThan(0);
    for (const user of users.items) {
      expect(own.has(user.id)).toBe(true);
      expect(theirs.has(user.id)).toBe(false);
    }
  }, 90_000);

  it("and an operator scoped to it changes no SIP password in Tyrell's org", async () => {
    await tryMoveToTyrell();
    const devices = await json<{ items: { id: string; builtIn: string | null }[] }>(
      await call(`/api/v1/customers/${s.id}/data-syncs`, { headers: scopedOperator }),
    );
    const sync = devices.items.find((d) => d.builtIn === "devices")!;
    const started = await json<{ runId: string }>(
      await send(scopedOperator, `/api/v1/customers/${s.id}/data-syncs/${sync.id}/run`),
      202,
    );
    expect((await waitForRun(s.id, started.runId, scopedViewer, 60_000)).status).toBe("succeeded");
    const deviceId = encodeURIComponent(tyrellPhone);
    for (const customer of [s.id, tyrell.id]) {
      const res = await send(
        scopedOperator,
        `/api/v1/customers/${customer}/devices/${deviceId}/sip-password/rotate`,
        { source: "webex" },
      );
      expect(res.status, customer).toBe(404);
    }
    const bulk = await send(scopedOperator, `/api/v1/customers/${tyrell.id}/sip-rotations`, {
      source: "webex",
    });
    expect(bulk.status).toBe(404);
    const log = await sim<{ items: unknown[] }>("GET", `/devices/log?orgId=${orgs.tyrell.ref}`);
    expect(log.items).toEqual([]);
  }, 90_000);

  it("and it cannot adopt, list the partner's organizations or create a partner: partners do not exist for it", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM customers").first<{ n: number }>())?.n;
    for (const [path, method, body] of [
      [
        `/api/v1/partners/${partnerId}/customers`,
        "POST",
        { organizations: [{ orgId: orgs.tyrell.id, name: "Mine" }] },
      ],
      [`/api/v1/partners/${partnerId}/organizations`, "GET", undefined],
      [`/api/v1/partners/${partnerId}`, "GET", undefined],
      [
        "/api/v1/partners",
        "POST",
        { name: "Own Partner", organizationId: "e2e2e2e2-2222-4333-8444-555555555555" },
      ],
    ] as const) {
      const res =
        method === "GET"
          ? await call(path, { headers: scopedAdmin })
          : await send(scopedAdmin, path, body, method);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await env.DB.prepare("SELECT count(*) AS n FROM customers").first<{ n: number }>())?.n).toBe(
      before,
    );
  });
});

describe("the partner's token reaches only orgs in its managed list as last read from Webex (R6)", () => {
  const listed = () =>
    env.DB.prepare("SELECT org_uuid FROM partner_orgs WHERE partner_id = ? ORDER BY org_uuid")
      .bind(partnerId)
      .all<{ org_uuid: string }>()
      .then((r) => r.results.map((row) => row.org_uuid));

  it("stores the list each time it is read", async () => {
    expect(await listed()).toEqual([orgs.s.uuid, orgs.tyrell.uuid, orgs.third.uuid].sort());
  });

  it("refuses an org missing from the stored list, saying why, before any call to that org", async () => {
    await env.DB.prepare("DELETE FROM partner_orgs WHERE partner_id = ? AND org_uuid = ?")
      .bind(partnerId, orgs.third.uuid)
      .run();
    const before = await sim<{ requests: { total: number } }>("GET", "/stats");
    const sync = await send(admin, `/api/v1/customers/${third.id}/actions/sync-users`);
    expect(sync.status).toBe(409);
    const said = await message(sync);
    expect(said).toContain("not among the organizations");
    const macs = await send(admin, `/api/v1/customers/${third.id}/devices/validate-macs`, {
      macs: ["00:1A:2B:3C:4D:5E"],
    });
    expect(macs.status).toBe(409);
    expect(await message(macs)).toBe(said);
    const serviceApp = await send(
      admin,
      `/api/v1/customers/${third.id}/service-app`,
      { applicationId: "app", clientId: "client", clientSecret: "secret" },
      "PUT",
    );
    expect(serviceApp.status).toBe(409);
    expect(await message(serviceApp)).toBe(said);
    const after = await sim<{ requests: { total: number } }>("GET", "/stats");
    expect(after.requests.total).toBe(before.requests.total);

    // A run already under way stops at its next step with the same reason.
    const runId = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO sync_runs (id, customer_id, trigger, status, state, progress, requests, throttled, checkpoint, created_at, updated_at) VALUES (?, ?, 'manual', 'queued', ?, 0, 0, 0, 0, ?, ?)",
    )
      .bind(
        runId,
        third.id,
        JSON.stringify(initialRunState(["User"], options)),
        new Date().toISOString(),
        new Date().toISOString(),
      )
      .run();
    const parsed = parseEnv(env);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await advanceRun(createServices(parsed.env), runId)).toBe("failed");
    const run = await json<{ status: string; error: string }>(
      await call(`/api/v1/customers/${third.id}/runs/${runId}`, { headers: admin }),
    );
    expect(run.error).toContain("not among the organizations");
  });

  it("reads the list from Webex once when it was never read, then decides", async () => {
    await env.DB.prepare("DELETE FROM partner_orgs WHERE partner_id = ?").bind(partnerId).run();
    await env.DB.prepare("UPDATE partners SET orgs_read_at = NULL WHERE id = ?").bind(partnerId).run();
    const started = await json<{ runId: string }>(
      await send(admin, `/api/v1/customers/${third.id}/actions/sync-users`),
      202,
    );
    expect((await waitForRun(third.id, started.runId, admin, 60_000)).status).toBe("succeeded");
    expect(await listed()).toEqual([orgs.s.uuid, orgs.tyrell.uuid, orgs.third.uuid].sort());
  }, 90_000);
});
