/**
 * @module messaging/protocol
 * The one typed channel between content scripts/pages and the background service worker, which owns every
 * network call and the API key. Each message type maps to the shape of its answer.
 */
import type { Health } from "@wxsync/core/health";
import type { z } from "zod";
import type { Settings } from "../settings/settings.ts";
import type { WorkerResult } from "../worker-api/client.ts";
import type {
  BwEnterprise,
  BwJob,
  Change,
  Customer,
  inventorySchema,
  LicenceUsage,
  LogEntry,
  Partner,
  Run,
  SipRotation,
  scheduleSchema,
  Whoami,
} from "../worker-api/schemas.ts";
import type { TabChoice } from "./tab-choice.ts";

export type Page<T> = { items: T[]; nextCursor: string | null };

/** One step of "Test connection": what was checked and what it found. */
export type ConnectionStep = { name: string; ok: boolean; message: string };
export type ConnectionReport = {
  ok: boolean;
  steps: ConnectionStep[];
  whoami: Whoami | null;
  abilities: string[];
};

export type CustomerOverview = {
  customer: Customer;
  runs: Run[];
  schedules: z.infer<typeof scheduleSchema>[];
};

type R<T> = WorkerResult<T>;

export type Protocol = {
  /** The worker URL and API key, for the options page (the background answers extension pages only). */
  "settings.get": { request: Record<string, never>; response: Settings };
  "settings.save": { request: Settings; response: { saved: true } };
  "worker.health": { request: Record<string, never>; response: R<Health> };
  "connection.test": { request: { workerUrl: string; apiKey: string }; response: ConnectionReport };
  whoami: { request: Record<string, never>; response: R<Whoami> };
  "customers.list": { request: Record<string, never>; response: R<Page<Customer>> };
  "customer.overview": { request: { customerId: string }; response: R<CustomerOverview> };
  /** users: Sync Webex App Users; data: SyncSpark<Name>; devices: SyncSparkDevices<Name>. */
  "sync.start": {
    request: { customerId: string; kind: "users" | "data" | "devices" };
    response: R<{ runId: string }>;
  };
  "run.get": { request: { customerId: string; runId: string }; response: R<Run> };
  "runs.list": { request: { customerId: string; limit?: number }; response: R<Page<Run>> };
  "run.changes": { request: { customerId: string; runId: string }; response: R<Page<Change>> };
  /** Any CSV export of the API, by path (`/api/v1/...csv?...`). */
  "csv.get": { request: { path: string }; response: R<{ fileName: string; text: string }> };
  "logs.list": { request: { query: Record<string, string> }; response: R<Page<LogEntry>> };
  "report.licences": { request: { customerId: string }; response: R<Page<LicenceUsage>> };
  "report.inventory": { request: { customerId: string }; response: R<z.infer<typeof inventorySchema>> };
  "partners.list": { request: Record<string, never>; response: R<Page<Partner>> };
  "bw.enterprises": { request: { partnerId: string }; response: R<Page<BwEnterprise>> };
  "bw.refresh": { request: { partnerId: string }; response: R<{ enterprises: number }> };
  "bw.bulk": {
    request: { partnerId: string; enterpriseIds: string[]; enabled: boolean };
    response: R<{ results: { enterpriseId: string; ok: boolean; message: string | null }[] }>;
  };
  "bw.syncNow": { request: { partnerId: string; enterpriseId: string }; response: R<BwEnterprise> };
  "bw.jobStart": { request: { partnerId: string; enterpriseIds: string[] }; response: R<BwJob> };
  "bw.job": { request: { partnerId: string; jobId: string }; response: R<BwJob> };
  /** Rotates the SIP password of every partner-managed device of the customer, as a job. */
  "sip.rotateAll": { request: { customerId: string }; response: R<SipRotation> };
  "sip.job": { request: { customerId: string; jobId: string }; response: R<SipRotation> };
  /**
   * The customer on show in this browser tab and every customer the user has looked at there (set: show it
   * and count it as looked at; null: show none).
   */
  "tab.customer": {
    request: { set?: string | null };
    response: TabChoice;
  };
};

export type MessageType = keyof Protocol;
export type Message<K extends MessageType = MessageType> = { type: K; payload: Protocol[K]["request"] };
/** Who sent a message: the tab of a content script (pages of the extension have none). */
export type SenderInfo = { tabId?: number };
export type Handlers = {
  [K in MessageType]: (
    payload: Protocol[K]["request"],
    sender: SenderInfo,
  ) => Promise<Protocol[K]["response"]>;
};
