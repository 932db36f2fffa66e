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

export async function setUpDemo({ workerUrl, simUrl, apiKey, say }: DemoOptions): Promise<void> {
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
  if (partner.tokenHealth.status !== "ok" && partner.tokenHealth.status !== "refresh_due") {
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
    say(`wxsync demo: connected "Demo Partner" through Connect to Webex (simulator auto-consent)`);
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

  const customers = (await api<{ items: Customer[] }>("GET", "/api/v1/customers")).items.filter(
    (c) => managed.items.some((o) => o.customerId === c.id) || fresh.length > 0,
  );
  const waitIdle = async (customer: Customer) => {
    for (;;) {
      const runs = await api<{ items: Run[] }>("GET", `/api/v1/customers/${customer.id}/runs?limit=1`);
      const last = runs.items[0];
      if (!last || (last.status !== "queued" && last.status !== "running")) return runs.items;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  await Promise.all(
    customers.map(async (customer) => {
      await waitIdle(customer);
      const history = await api<{ items: Run[] }>("GET", `/api/v1/customers/${customer.id}/runs?limit=50`);
      if (history.items.some((r) => r.status === "succeeded" && r.models.length > 3)) return;
      const syncs = await api<{ items: { id: string; name: string }[] }>(
        "GET",
        `/api/v1/customers/${customer.id}/data-syncs`,
      );
      const all = syncs.items.find(
        (s) => s.name.startsWith("SyncSpark") && !s.name.startsWith("SyncSparkUsers"),
      );
      if (!all) return;
      say(`wxsync demo: first sync of ${customer.name} (${all.name}) started`);
      const { runId } = await api<{ runId: string }>(
        "POST",
        `/api/v1/customers/${customer.id}/data-syncs/${all.id}/run`,
      );
      await waitIdle(customer);
      const run = await api<Run>("GET", `/api/v1/customers/${customer.id}/runs/${runId}`);
      const count = (model: string) => run.models.find((m) => m.model === model)?.items ?? 0;
      say(
        `wxsync demo: ${customer.name}: ${run.status} in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s, ${run.requests} Webex requests · ` +
          `${count("User")} users, ${count("Device")} devices, ${count("Number")} numbers, ${count("Location")} locations · ` +
          `+${run.totals.added} ~${run.totals.updated} -${run.totals.removed}`,
      );
    }),
  );
}
