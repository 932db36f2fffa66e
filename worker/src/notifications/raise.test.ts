import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
import { createServices } from "../lib/services.ts";
import { raiseNotification } from "./raise.ts";

function servicesWithWebhook(webhookFetch: typeof fetch) {
  const parsed = parseEnv({ ...env, NOTIFY_WEBHOOK_URL: "https://hooks.example.test/wxsync" });
  if (!parsed.ok) throw new Error(parsed.message);
  return createServices(parsed.env, { webhookFetch });
}

const input = {
  ownerType: "customer" as const,
  ownerId: "c-1",
  kind: "refresh_token_expiring" as const,
  message: "The Webex refresh token of Acme expires in 9 days.",
};

describe("notifications", () => {
  it("POSTs a new notification to the webhook once, and records that it was sent", async () => {
    const sent: { url: string; body: unknown }[] = [];
    const services = servicesWithWebhook((async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response(null, { status: 204 });
    }) as typeof fetch);
    expect(await raiseNotification(services, { ...input, conditionKey: "g1:expiring:x" })).toBe(true);
    expect(await raiseNotification(services, { ...input, conditionKey: "g1:expiring:x" })).toBe(false);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      url: "https://hooks.example.test/wxsync",
      body: { kind: "refresh_token_expiring", ownerId: "c-1", message: input.message },
    });
    const row = await env.DB.prepare("SELECT webhook_status FROM notifications WHERE condition_key = ?")
      .bind("g1:expiring:x")
      .first();
    expect(row).toEqual({ webhook_status: "sent" });
  });

  it("records a failing webhook without failing the caller", async () => {
    const services = servicesWithWebhook((async () => {
      throw new Error("connection refused");
    }) as typeof fetch);
    expect(await raiseNotification(services, { ...input, conditionKey: "g2:expiring:x" })).toBe(true);
    const row = await env.DB.prepare("SELECT webhook_status FROM notifications WHERE condition_key = ?")
      .bind("g2:expiring:x")
      .first();
    expect(row).toEqual({ webhook_status: "failed" });
  });
});
