/**
 * @module transactions/recorder
 * Records long work (token retrieval, refresh, syncs, actions) as a transaction an administrator can follow.
 */
import { eq } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import { type TRANSACTION_TYPES, transactions } from "./schema.ts";

export type TransactionHandle = {
  id: string;
  progress: (percent: number, message?: string) => Promise<void>;
  succeed: (message: string) => Promise<void>;
  fail: (message: string, webexTrackingId?: string) => Promise<void>;
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
    },
    fail: async (message, webexTrackingId) => {
      await update({
        status: "failed",
        message,
        webexTrackingId: webexTrackingId ?? null,
        endedAt: services.now().toISOString(),
      });
    },
  };
}
