/**
 * @module transactions/recorder
 * Records long work (token retrieval, refresh, syncs, actions) as a transaction an administrator can follow.
 */
import { WebexApiError } from "@wxsync/core/webex";
import { eq } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import type { LOG_KINDS, LogEntry } from "../logs/schema.ts";
import { writeLog } from "../logs/write.ts";
import { type TRANSACTION_TYPES, transactions } from "./schema.ts";

export type TransactionHandle = {
  id: string;
  progress: (percent: number, message?: string) => Promise<void>;
  succeed: (message: string) => Promise<void>;
  /** `cause`: the error behind it; a Webex error's status, code and tracking id are kept for support. */
  fail: (message: string, cause?: unknown) => Promise<void>;
};

const LOG_KIND: Record<(typeof TRANSACTION_TYPES)[number], (typeof LOG_KINDS)[number]> = {
  token_retrieval: "token",
  token_refresh: "token",
  sync: "sync",
  action: "action",
};

export async function startTransaction(
  services: Services,
  input: {
    type: (typeof TRANSACTION_TYPES)[number];
    description: string;
    customerId?: string | null;
    partnerId?: string | null;
  },
): Promise<TransactionHandle> {
  const id = crypto.randomUUID();
  await services.db.insert(transactions).values({
    id,
    type: input.type,
    description: input.description,
    customerId: input.customerId ?? null,
    partnerId: input.partnerId ?? null,
    status: "running",
    progress: 0,
    startedAt: services.now().toISOString(),
  });
  const log = (level: "info" | "error", message: string, extra: Partial<LogEntry> = {}) =>
    writeLog(services, {
      level,
      kind: LOG_KIND[input.type],
      message,
      customerId: input.customerId ?? null,
      partnerId: input.partnerId ?? null,
      transactionId: id,
      ...extra,
    });
  await log("info", `Started: ${input.description}`);
  const update = (values: Partial<typeof transactions.$inferInsert>) =>
    services.db.update(transactions).set(values).where(eq(transactions.id, id)).run();
  return {
    id,
    progress: async (percent, message) => {
      await update({
        progress: Math.max(0, Math.min(100, Math.round(percent))),
        ...(message ? { message } : {}),
      });
    },
    succeed: async (message) => {
      await update({ status: "succeeded", progress: 100, message, endedAt: services.now().toISOString() });
      await log("info", `${input.description}: ${message}`);
    },
    fail: async (message, cause) => {
      const webex = cause instanceof WebexApiError ? cause : undefined;
      const webexTrackingId = webex?.details.trackingId;
      await update({
        status: "failed",
        message,
        webexTrackingId: webexTrackingId ?? null,
        endedAt: services.now().toISOString(),
      });
      await log("error", `${input.description} failed: ${message}`, {
        webexTrackingId: webexTrackingId ?? null,
        webexStatus: webex?.status ?? null,
        webexErrorCode: webex?.details.code ?? null,
      });
    },
  };
}
