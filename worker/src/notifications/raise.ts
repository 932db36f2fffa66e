/**
 * @module notifications/raise
 * Raises a notification once per condition (the condition key is unique), and, when NOTIFY_WEBHOOK_URL is
 * set, POSTs it there as JSON. A failing webhook is recorded, never retried in a loop, never fatal.
 */
import { eq } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import { writeLog } from "../logs/write.ts";
import { type NOTIFICATION_KINDS, notifications } from "./schema.ts";

export type NotificationInput = {
  ownerType: "customer" | "partner";
  ownerId: string;
  kind: (typeof NOTIFICATION_KINDS)[number];
  conditionKey: string;
  message: string;
};

/** Returns true when the notification is new (first time this condition is seen). */
export async function raiseNotification(services: Services, input: NotificationInput): Promise<boolean> {
  const id = crypto.randomUUID();
  const createdAt = services.now().toISOString();
  const webhook = services.env.NOTIFY_WEBHOOK_URL;
  const inserted = await services.db
    .insert(notifications)
    .values({ id, ...input, createdAt, webhookStatus: webhook ? "failed" : "not_configured" })
    .onConflictDoNothing({ target: notifications.conditionKey })
    .returning({ id: notifications.id });
  if (inserted.length === 0) return false;
  await writeLog(services, {
    level: "warn",
    kind: "token",
    message: input.message,
    customerId: input.ownerType === "customer" ? input.ownerId : null,
    partnerId: input.ownerType === "partner" ? input.ownerId : null,
  });
  if (webhook) {
    let status: "sent" | "failed" = "failed";
    try {
      const res = await services.webhookFetch(webhook, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          id,
          kind: input.kind,
          ownerType: input.ownerType,
          ownerId: input.ownerId,
          message: input.message,
          createdAt,
        }),
      });
      status = res.ok ? "sent" : "failed";
    } catch {
      status = "failed";
    }
    await services.db
      .update(notifications)
      .set({ webhookStatus: status })
      .where(eq(notifications.id, id))
      .run();
  }
  return true;
}
