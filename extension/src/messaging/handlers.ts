/**
 * @module messaging/handlers
 * The background's answer to each message: the only place that reads the API key and calls the worker.
 */
import { storage } from "wxt/utils/storage";
import { type SettingsStore, settingsSchema } from "../settings/settings.ts";
import { createWorkerClient } from "../worker-api/client.ts";
import {
  bulkResultSchema,
  changeSchema,
  customerSchema,
  dataSyncSchema,
  enterpriseSchema,
  inventorySchema,
  jobSchema,
  licenceUsageSchema,
  logEntrySchema,
  pageOf,
  partnerSchema,
  refreshedSchema,
  runSchema,
  scheduleSchema,
  sipRotationSchema,
  startedRunSchema,
  whoamiSchema,
} from "../worker-api/schemas.ts";
import { testConnection } from "./connection.ts";
import type { Handlers } from "./protocol.ts";
import { remember, type TabChoice } from "./tab-choice.ts";

const enc = encodeURIComponent;

/** Only the worker's own CSV exports may be fetched through "csv.get". */
const CSV_PATH = /^\/api\/v1\/[A-Za-z0-9/_.-]+\.csv(\?[^#]*)?$/;

export type HandlerDeps = {
  /** Where the worker URL and API key are kept (IndexedDB in the extension, in memory in tests). */
  settings: SettingsStore;
  fetch?: typeof fetch;
  /** Whether the extension may call this origin (a host permission); injected so tests need no browser. */
  hasPermission?: (origin: string) => Promise<boolean>;
};

/** The background's answers to each message. `fetch` is injected so tests need no network. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const fetchImpl = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const client = async () => {
    const { workerUrl, apiKey } = await deps.settings.get();
    return createWorkerClient({ baseUrl: workerUrl, apiKey, fetch: fetchImpl });
  };
  const c = (id: string) => `/api/v1/customers/${enc(id)}`;
  const p = (id: string) => `/api/v1/partners/${enc(id)}/broadworks`;
  return {
    "settings.get": () => deps.settings.get(),
    "settings.save": async (settings) => {
      await deps.settings.set(settingsSchema.parse(settings));
      return { saved: true };
    },
    "worker.health": async () => (await client()).health(),
    "connection.test": (settings) =>
      testConnection(settings, { fetch: fetchImpl, hasPermission: deps.hasPermission }),
    whoami: async () => (await client()).call("/api/v1/whoami", whoamiSchema),
    "customers.list": async () =>
      (await client()).call("/api/v1/customers?limit=1000", pageOf(customerSchema)),
    "customer.overview": async ({ customerId }) => {
      const api = await client();
      const [customer, runs, schedules] = await Promise.all([
        api.call(c(customerId), customerSchema),
        api.call(`${c(customerId)}/runs?limit=5`, pageOf(runSchema)),
        api.call(`${c(customerId)}/schedules?limit=100`, pageOf(scheduleSchema)),
      ]);
      if (!customer.ok) return customer;
      if (!runs.ok) return runs;
      if (!schedules.ok) return schedules;
      return {
        ok: true,
        data: { customer: customer.data, runs: runs.data.items, schedules: schedules.data.items },
      };
    },
    "sync.start": async ({ customerId, kind }) => {
      const api = await client();
      if (kind === "users")
        return api.call(`${c(customerId)}/actions/sync-users`, startedRunSchema, {
          method: "POST",
          okStatuses: [202],
        });
      // "Run data sync" runs the customer's SyncSpark<Name> (every model); "Sync partner devices" its
      // SyncSparkDevices<Name> (the partner-managed device details).
      const syncs = await api.call(`${c(customerId)}/data-syncs?limit=100`, pageOf(dataSyncSchema));
      if (!syncs.ok) return syncs;
      const builtIn = kind === "devices" ? "devices" : "all";
      const all = syncs.data.items.find((s) => s.builtIn === builtIn);
      if (!all)
        return {
          ok: false,
          error: {
            kind: "http",
            message: `This customer has no ${kind === "devices" ? "SyncSparkDevices" : "SyncSpark"} data sync.`,
          },
        };
      return api.call(`${c(customerId)}/data-syncs/${enc(all.id)}/run`, startedRunSchema, {
        method: "POST",
        okStatuses: [202],
      });
    },
    "run.get": async ({ customerId, runId }) =>
      (await client()).call(`${c(customerId)}/runs/${enc(runId)}`, runSchema),
    "runs.list": async ({ customerId, limit = 20 }) =>
      (await client()).call(`${c(customerId)}/runs?limit=${limit}`, pageOf(runSchema)),
    "run.changes": async ({ customerId, runId }) =>
      (await client()).call(`${c(customerId)}/runs/${enc(runId)}/changes?limit=200`, pageOf(changeSchema)),
    "csv.get": async ({ path }) => {
      if (!CSV_PATH.test(path))
        return { ok: false, error: { kind: "http", message: `Not a wxsync CSV export: ${path}` } };
      return (await client()).csv(path);
    },
    "logs.list": async ({ query }) =>
      (await client()).call(
        `/api/v1/logs?${new URLSearchParams({ limit: "100", ...query })}`,
        pageOf(logEntrySchema),
      ),
    "report.licences": async ({ customerId }) =>
      (await client()).call(`${c(customerId)}/reports/licence-usage`, pageOf(licenceUsageSchema)),
    "report.inventory": async ({ customerId }) =>
      (await client()).call(`${c(customerId)}/number-inventory?limit=1`, inventorySchema),
    "partners.list": async () => (await client()).call("/api/v1/partners?limit=1000", pageOf(partnerSchema)),
    "bw.enterprises": async ({ partnerId }) =>
      (await client()).call(`${p(partnerId)}/enterprises?limit=1000`, pageOf(enterpriseSchema)),
    "bw.refresh": async ({ partnerId }) =>
      (await client()).call(`${p(partnerId)}/refresh`, refreshedSchema, { method: "POST" }),
    "bw.bulk": async ({ partnerId, enterpriseIds, enabled }) =>
      (await client()).call(`${p(partnerId)}/directory-sync`, bulkResultSchema, {
        method: "POST",
        body: { enterpriseIds, enabled },
      }),
    "bw.syncNow": async ({ partnerId, enterpriseId }) =>
      (await client()).call(`${p(partnerId)}/enterprises/${enc(enterpriseId)}/sync-now`, enterpriseSchema, {
        method: "POST",
        okStatuses: [202],
      }),
    "bw.jobStart": async ({ partnerId, enterpriseIds }) =>
      (await client()).call(`${p(partnerId)}/jobs`, jobSchema, {
        method: "POST",
        body: { enterpriseIds, pollSeconds: 5 },
        okStatuses: [202],
      }),
    "bw.job": async ({ partnerId, jobId }) =>
      (await client()).call(`${p(partnerId)}/jobs/${enc(jobId)}`, jobSchema),
    "sip.rotateAll": async ({ customerId }) =>
      (await client()).call(`${c(customerId)}/sip-rotations`, sipRotationSchema, {
        method: "POST",
        body: { source: "webex" },
        okStatuses: [202],
      }),
    "sip.job": async ({ customerId, jobId }) =>
      (await client()).call(`${c(customerId)}/sip-rotations/${enc(jobId)}`, sipRotationSchema),
    "tab.customer": async ({ set }, { tabId }) => {
      // Remembered per tab for the browser session only, in `session` storage (never open to content scripts):
      // the customer on show and every customer the user has chosen to look at in this tab.
      const item = storage.defineItem<TabChoice>(`session:tabCustomer:${tabId ?? "page"}`, {
        fallback: { customerId: null, seen: [] },
      });
      const now = await item.getValue();
      if (set === undefined) return now;
      const next = remember(now, set);
      await item.setValue(next);
      return next;
    },
  };
}
