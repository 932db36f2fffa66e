/**
 * @module demo
 * What `npm start` does once the worker is up: a demo partner on the simulator, connected through the real
 * "Connect to Webex" flow (the simulator's auto-consent stands in for the administrator's click), its
 * customer organizations adopted, and a first full sync of each. Idempotent: a second start reuses them.
 */

type Json = Record<string, unknown>;
type Say = (line: string) => void;

export type DemoOptions = { workerUrl: string; simUrl: string; apiKey: string; say: Say };

type Customer = { id: string; name: string; tokenHealth: { status: string } };
type Run = {
  id: string;
  status: string;
  totals: { added: number; updated: number; removed: number };
  requests: number;
  durationMs: number | null;
  models: { model: string; items: number }[];
};

/**
 * Connects and adopts (awaited), then starts the first syncs and returns a promise that settles when they
 * have all finished, so `npm start` can say it is ready while the syncs run.
 */
export async function setUpDemo({
  workerUrl,
  simUrl,
  apiKey,
  say,
}: DemoOptions): Promise<{ firstSyncs: Promise<void> }> {
  const api = async <T = Json>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${workerUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        accept: "application/json",
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const orgs = (
    (await (await fetch(`${simUrl}/_sim/orgs`)).json()) as {
      items: { ref: string; uuid: string; displayName: string }[];
    }
  ).items;
  const partnerOrg = orgs.find((o) => o.ref === "partner");
  if (!partnerOrg) throw new Error("the simulator has no partner organization");

  type Partner = { id: string; name: string; tokenHealth: { status: string } };
  const partners = await api<{ items: Partner[] }>("GET", "/api/v1/partners");
  const partner =
    partners.items.find((p) => p.name === "Demo Partner") ??
    (await api<Partner>("POST", "/api/v1/partners", {
      name: "Demo Partner",
      organizationId: partnerOrg.uuid,
    }));
  // Always (re)connect: the simulator keeps its tokens in memory, so after a restart the stored ones are unknown to it.
  {
    const { authorizeUrl } = await api<{ authorizeUrl: string }>(
      "GET",
      `/api/v1/partners/${partner.id}/connect`,
    );
    const consent = await fetch(`${authorizeUrl}&sim_auto_consent=${partnerOrg.uuid}`, {
      redirect: "manual",
    });
    const callback = consent.headers.get("location");
    if (!callback) throw new Error(`the simulator did not redirect back (HTTP ${consent.status})`);
    const page = await fetch(callback);
    if (!page.ok) throw new Error(`connecting the demo partner failed: HTTP ${page.status}`);
    say(
      `wxsync demo: connected "Demo Partner" through Connect to Webex (${partner.tokenHealth.status === "not_connected" ? "first time" : "again, as the simulator restarted"}; simulator auto-consent)`,
    );
  }

  const managed = await api<{ items: { orgId: string; displayName: string; customerId: string | null }[] }>(
    "GET",
    `/api/v1/partners/${partner.id}/organizations`,
  );
  const fresh = managed.items.filter((o) => !o.customerId);
  if (fresh.length > 0) {
    await api("POST", `/api/v1/partners/${partner.id}/customers`, {
      organizations: fresh.map((o) => ({ orgId: o.orgId })),
      syncOnCreate: true,
    });
    say(
      `wxsync demo: adopted ${fresh.length} customer organizations of Demo Partner: ${fresh.map((o) => o.displayName).join(", ")}`,
    );
  }

  // The partner's BroadWorks enterprises, so Partner Hub's panel has them at once (the cron refreshes them later).
  const { enterprises } = await api<{ enterprises: number }>(
    "POST",
    `/api/v1/partners/${partner.id}/broadworks/refresh`,
  );
  say(`wxsync demo: pulled ${enterprises} BroadWorks enterprises of Demo Partner`);

  const customers = (await api<{ items: Customer[] }>("GET", "/api/v1/customers")).items.filter(
    (c) => managed.items.some((o) => o.customerId === c.id) || fresh.length > 0,
  );
  const waitRun = async (customer: Customer, runId: string) => {
    for (;;) {
      const run = await api<Run>("GET", `/api/v1/customers/${customer.id}/runs/${runId}`);
      if (run.status !== "queued" && run.status !== "running") return run;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };

  // A run of SyncSpark<Name>: more than roles and licences, and not the devices sync (which has no Organization).
  const fullRun = (r: Run) => r.models.length > 3 && r.models.some((m) => m.model === "Organization");
  const dataSyncs = (customer: Customer) =>
    api<{ items: { id: string; name: string; builtIn: string | null }[] }>(
      "GET",
      `/api/v1/customers/${customer.id}/data-syncs`,
    );
  type Started = { customer: Customer; runId: string };
  const started = await Promise.all(
    customers.map(async (customer): Promise<Started | null> => {
      const history = await api<{ items: Run[] }>("GET", `/api/v1/customers/${customer.id}/runs?limit=50`);
      const active = history.items.find(
        (r) => (r.status === "queued" || r.status === "running") && fullRun(r),
      );
      if (active) {
        say(
          `wxsync demo: ${customer.name} has a sync in progress (run ${active.id}); it resumes from its checkpoint`,
        );
        return { customer, runId: active.id };
      }
      if (history.items.some((r) => r.status === "succeeded" && fullRun(r))) return null;
      const all = (await dataSyncs(customer)).items.find((s) => s.builtIn === "all");
      if (!all) return null;
      // The roles-and-licences run that connecting started is short; wait for it rather than be refused.
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${workerUrl}/api/v1/customers/${customer.id}/data-syncs/${all.id}/run`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}` },
        });
        if (res.status === 202) {
          const { runId } = (await res.json()) as { runId: string };
          say(`wxsync demo: first sync of ${customer.name} (${all.name}) started: run ${runId}`);
          return { customer, runId };
        }
        if (res.status !== 409 || attempt > 120)
          throw new Error(`starting ${all.name}: HTTP ${res.status} ${await res.text()}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
  );
  const report = async ({ customer, runId }: Started) => {
    const run = await waitRun(customer, runId);
    const count = (model: string) => run.models.find((m) => m.model === model)?.items ?? 0;
    say(
      `wxsync demo: ${customer.name}: ${run.status} in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s, ${run.requests} Webex requests · ` +
        `${count("User")} users, ${count("Device")} devices, ${count("Number")} numbers, ${count("Location")} locations · ` +
        `+${run.totals.added} ~${run.totals.updated} -${run.totals.removed}`,
    );
    // Then the partner-managed device details (SyncSparkDevices<Name>), which run daily on their own schedule.
    const devices = (await dataSyncs(customer)).items.find((s) => s.builtIn === "devices");
    if (!devices) return;
    const res = await fetch(`${workerUrl}/api/v1/customers/${customer.id}/data-syncs/${devices.id}/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}` },
    });
    if (res.status !== 202) return;
    const detail = await waitRun(customer, ((await res.json()) as { runId: string }).runId);
    const details = detail.models.find((m) => m.model === "DeviceCallingDetails")?.items ?? 0;
    say(
      `wxsync demo: ${customer.name}: ${details} partner- and customer-managed devices with their SIP details (${devices.name}, ${detail.status})`,
    );
  };
  const runs = started.filter((s): s is Started => s !== null);
  return { firstSyncs: Promise.all(runs.map(report)).then(() => undefined) };
}
