/**
 * The world the isolation matrix runs in, built through the API and the simulator as a partner would:
 * - partner P (the simulator's partner org, connected through OAuth) with two adopted customers, S ("own") and
 *   T ("Tyrell", the other customer of the same partner);
 * - U, a customer connected on its own grant (the simulator has one partner org, so "another partner's
 *   customer" is one no partner manages in wxsync), and Q, a second partner that is not connected;
 * - for S, T and U: synced users, three partner-managed phones (synced), one SIP password set by wxsync, a
 *   finished bulk rotation, a cheap data sync (locations only) for the run route;
 * - for P: its BroadWorks enterprises and one finished sync-all job;
 * - the five keys of the matrix (unscoped admin, admin/operator/viewer scoped to S, admin scoped to T) and a
 *   viewer scoped to S and T, which an S-scoped admin must not see in the key list (R2).
 */
import type { ApiKeyRole } from "@wxsync/core/api-keys";
import { expect, vi } from "vitest";
import { call, createKey, expectJson, sendJson } from "../helpers.ts";
import { connect, createCustomer, type SimOrg, sim, simOrgs, waitForRun } from "../sim.ts";

export type Headers = Record<string, string>;
export type CustomerLabel = "S" | "T" | "U";
export type PartnerLabel = "P" | "Q";

export type WorldCustomer = {
  label: CustomerLabel;
  id: string;
  name: string;
  org: SimOrg;
  /** The org's e-mail domain: every user's address ends with it. */
  domain: string;
  syncs: { all: string; users: string; devices: string; cheap: string };
  scheduleId: string;
  runId: string;
  userId: string;
  deviceIds: string[];
  locationId: string;
  rotationJobId: string;
  /** Every id of this customer's own records, for the leak check. */
  recordIds: string[];
};

export type WorldPartner = {
  label: PartnerLabel;
  id: string;
  name: string;
  orgUuid: string;
  /** P only: BroadWorks enterprises, a BroadWorks user of the first, a finished sync-all job. */
  enterprises: { id: string; cluster: string | null }[];
  bwUserId: string | null;
  bwJobId: string | null;
};

export type KeyLabel = "A" | "SA" | "SO" | "SV" | "TA";

/** The matrix's keys, by the customers they see: known before the world exists, so cells can be counted. */
export const KEY_SPECS: Record<KeyLabel, { role: ApiKeyRole; scope: "all" | CustomerLabel[] }> = {
  A: { role: "admin", scope: "all" },
  SA: { role: "admin", scope: ["S"] },
  SO: { role: "operator", scope: ["S"] },
  SV: { role: "viewer", scope: ["S"] },
  TA: { role: "admin", scope: ["T"] },
};
export const KEY_LABELS = Object.keys(KEY_SPECS) as KeyLabel[];

export type WorldKey = {
  label: string;
  id: string;
  name: string;
  role: ApiKeyRole;
  /** Customer ids, or "all". */
  scope: "all" | string[];
  headers: Headers;
};

export type World = {
  customers: Record<CustomerLabel, WorldCustomer>;
  partners: Record<PartnerLabel, WorldPartner>;
  keys: Record<KeyLabel, WorldKey>;
  /** A viewer scoped to S and T: outside an S-scoped admin's reach (R2). */
  spanKey: WorldKey;
  partnerOrg: SimOrg;
};

const json = expectJson;
export const send = sendJson;

type Page<T> = { items: T[]; nextCursor: string | null };

export async function makeKey(label: string, role: ApiKeyRole, scope: "all" | string[]): Promise<WorldKey> {
  const name = `iso-${label.toLowerCase()}-${role}`;
  const made = await createKey(role, { name, scope: scope === "all" ? null : scope });
  return { label, id: made.id, name, role, scope, headers: made.headers };
}

async function startRun(admin: Headers, customerId: string, path: string) {
  const { runId } = await json<{ runId: string }>(await send("POST", path, admin), 202);
  return { customerId, runId };
}

async function runsEnded(admin: Headers, runs: { customerId: string; runId: string }[]) {
  for (const { customerId, runId } of runs) {
    expect((await waitForRun(customerId, runId, admin, 60_000)).status).toBe("succeeded");
  }
}

export async function waitForRotation(admin: Headers, customerId: string, jobId: string) {
  await vi.waitFor(
    async () => {
      const job = await json<{ status: string }>(
        await call(`/api/v1/customers/${customerId}/sip-rotations/${jobId}`, { headers: admin }),
      );
      if (job.status === "running") throw new Error(`rotation ${jobId} still running`);
    },
    { timeout: 30_000, interval: 50 },
  );
}

export async function waitForBwJob(admin: Headers, partnerId: string, jobId: string) {
  await vi.waitFor(
    async () => {
      const job = await json<{ status: string }>(
        await call(`/api/v1/partners/${partnerId}/broadworks/jobs/${jobId}`, { headers: admin }),
      );
      if (job.status === "running") throw new Error(`sync-all job ${jobId} still running`);
    },
    { timeout: 30_000, interval: 100 },
  );
}

export async function buildWorld(): Promise<World> {
  await sim("POST", "/reset");
  const A = await makeKey("A", KEY_SPECS.A.role, "all");
  const admin = A.headers;
  const orgs = await simOrgs();
  const org = (ref: string) => orgs.find((o) => o.ref === ref)!;
  const partnerOrg = org("partner");

  // Partners: P connected through the consent page, Q never connected.
  const P = await json<{ id: string }>(
    await send("POST", "/api/v1/partners", admin, { name: "Vandelay", organizationId: partnerOrg.uuid }),
    201,
  );
  expect((await connect(`/api/v1/partners/${P.id}/connect`, admin, partnerOrg.uuid)).status).toBe(200);
  const qOrgUuid = crypto.randomUUID();
  const Q = await json<{ id: string }>(
    await send("POST", "/api/v1/partners", admin, { name: "Quorum", organizationId: qOrgUuid }),
    201,
  );

  // Customers: S and T adopted from P, U on its own grant.
  const placement = { S: { ref: "2", name: "Cyberdyne" }, T: { ref: "1", name: "Tyrell" } } as const;
  const adopted = await json<{ items: { id: string; name: string }[] }>(
    await send("POST", `/api/v1/partners/${P.id}/customers`, admin, {
      organizations: Object.values(placement).map((p) => ({ orgId: org(p.ref).id, name: p.name })),
      syncOnCreate: false,
    }),
    201,
  );
  const idOf = (name: string) => adopted.items.find((c) => c.name === name)!.id;
  const uOrg = org("0");
  const U = await createCustomer(admin, "Soylent", uOrg.uuid, { syncOnCreate: false });
  expect((await connect(`/api/v1/customers/${U.id}/connect`, admin, uOrg.uuid)).status).toBe(200);
  const base = {
    S: { id: idOf("Cyberdyne"), name: "Cyberdyne", org: org("2") },
    T: { id: idOf("Tyrell"), name: "Tyrell", org: org("1") },
    U: { id: U.id, name: "Soylent", org: uOrg },
  };
  const labels = ["S", "T", "U"] as const;

  // Three partner-managed phones at each org, then users and devices synced for all three customers.
  const phones = Object.fromEntries(
    await Promise.all(
      labels.map(async (l) => [
        l,
        (
          await sim<{ items: { id: string; locationId: string }[] }>(
            "POST",
            `/orgs/${base[l].org.ref}/third-party-devices`,
            { count: 3 },
          )
        ).items,
      ]),
    ),
  ) as Record<CustomerLabel, { id: string; locationId: string }[]>;
  const syncs = Object.fromEntries(
    await Promise.all(
      labels.map(async (l) => {
        const page = await json<Page<{ id: string; name: string; builtIn: string | null }>>(
          await call(`/api/v1/customers/${base[l].id}/data-syncs`, { headers: admin }),
        );
        const builtIn = (kind: string) => page.items.find((s) => s.builtIn === kind)!.id;
        const cheap = await json<{ id: string }>(
          await send("POST", `/api/v1/customers/${base[l].id}/data-syncs`, admin, {
            name: `${base[l].name}Locations`,
            models: ["Location"],
          }),
          201,
        );
        return [
          l,
          { all: builtIn("all"), users: builtIn("users"), devices: builtIn("devices"), cheap: cheap.id },
        ];
      }),
    ),
  ) as Record<CustomerLabel, WorldCustomer["syncs"]>;
  const userRuns = await Promise.all(
    labels.map((l) => startRun(admin, base[l].id, `/api/v1/customers/${base[l].id}/actions/sync-users`)),
  );
  await runsEnded(admin, userRuns);
  const deviceRuns = await Promise.all(
    labels.map((l) =>
      startRun(admin, base[l].id, `/api/v1/customers/${base[l].id}/data-syncs/${syncs[l].devices}/run`),
    ),
  );
  await runsEnded(admin, deviceRuns);

  // BroadWorks: P's enterprises read from Webex, one sync-all job started now and awaited below.
  const bwBase = `/api/v1/partners/${P.id}/broadworks`;
  await json(await send("POST", `${bwBase}/refresh`, admin));
  const enterprises = (
    await json<Page<{ id: string; cluster: string | null }>>(
      await call(`${bwBase}/enterprises?limit=100`, { headers: admin }),
    )
  ).items;
  expect(enterprises.length).toBeGreaterThanOrEqual(2);
  const simBw = await sim<{ items: { id: string; users: { userId: string }[] }[] }>("GET", "/broadworks");
  const bwUserId = simBw.items.find((e) => e.id === enterprises[0]!.id)!.users[0]!.userId;
  // The first enterprise gets a finished directory sync: Webex syncs a single user only after one.
  await json(
    await send("POST", `${bwBase}/directory-sync`, admin, {
      enterpriseIds: [enterprises[0]!.id],
      enabled: true,
    }),
  );
  const bwJob = await json<{ id: string }>(
    await send("POST", `${bwBase}/jobs`, admin, { enterpriseIds: [enterprises[0]!.id], pollSeconds: 1 }),
    202,
  );

  // One SIP password set by wxsync per customer (so reveal has something), then a bulk rotation each.
  const made = await Promise.all(
    labels.map(async (l): Promise<WorldCustomer> => {
      const c = base[l];
      const path = `/api/v1/customers/${c.id}`;
      const deviceIds = phones[l].map((p) => p.id);
      await json(
        await send(
          "POST",
          `${path}/devices/${encodeURIComponent(deviceIds[0]!)}/sip-password/rotate`,
          admin,
          {
            source: "local",
          },
        ),
      );
      const job = await json<{ id: string }>(
        await send("POST", `${path}/sip-rotations`, admin, { source: "local" }),
        202,
      );
      await waitForRotation(admin, c.id, job.id);
      const schedules = await json<Page<{ id: string }>>(await call(`${path}/schedules`, { headers: admin }));
      const users = await json<Page<{ id: string }>>(
        await call(`${path}/models/User?limit=1`, { headers: admin }),
      );
      const runId = userRuns.find((r) => r.customerId === c.id)!.runId;
      return {
        label: l,
        ...c,
        domain: c.org.adminEmail.split("@")[1]!,
        syncs: syncs[l],
        scheduleId: schedules.items[0]!.id,
        runId,
        userId: users.items[0]!.id,
        deviceIds,
        locationId: phones[l][0]!.locationId,
        rotationJobId: job.id,
        recordIds: [
          c.id,
          ...Object.values(syncs[l]),
          ...schedules.items.map((s) => s.id),
          runId,
          deviceRuns.find((r) => r.customerId === c.id)!.runId,
          job.id,
          ...deviceIds,
        ],
      };
    }),
  );
  const customers = Object.fromEntries(made.map((c) => [c.label, c])) as Record<CustomerLabel, WorldCustomer>;
  await waitForBwJob(admin, P.id, bwJob.id);

  const keys = { A } as Record<KeyLabel, WorldKey>;
  for (const label of KEY_LABELS.filter((l) => l !== "A")) {
    const { role, scope } = KEY_SPECS[label];
    keys[label] = await makeKey(label, role, scope === "all" ? "all" : scope.map((l) => customers[l].id));
  }
  const spanKey = await makeKey("ST", "viewer", [customers.S.id, customers.T.id]);

  return {
    customers,
    partners: {
      P: {
        label: "P",
        id: P.id,
        name: "Vandelay",
        orgUuid: partnerOrg.uuid,
        enterprises,
        bwUserId,
        bwJobId: bwJob.id,
      },
      Q: {
        label: "Q",
        id: Q.id,
        name: "Quorum",
        orgUuid: qOrgUuid,
        enterprises: [],
        bwUserId: null,
        bwJobId: null,
      },
    },
    keys,
    spanKey,
    partnerOrg,
  };
}
