/**
 * @module messaging/dispatch
 * The background's front door: which sender may ask what. Only the extension's own pages (the panel frame,
 * the dashboard, the popup, the options page) may use the worker API. A content script runs inside
 * admin.webex.com's page process, so a message from one is treated as the page's: refused, whatever it asks.
 * The browser fills in `sender.url` and `sender.id`; a page cannot forge them.
 */
import type { Handlers, Message, MessageType } from "./protocol.ts";

/** What the browser tells about a message's sender (a subset of runtime.MessageSender). */
export type Sender = { id?: string; url?: string; origin?: string; tab?: { id?: number } };
/** The extension itself: its id and the base of its pages' URLs (`chrome-extension://<id>/`). */
export type Self = { id: string; baseUrl: string };

/** True for a page of this extension (its URL starts with the extension's own base), never for a content script. */
export function isExtensionPage(sender: Sender, self: Self): boolean {
  if (sender.id !== self.id || !sender.url?.startsWith(self.baseUrl)) return false;
  // Chrome also gives the sender's origin: a content script's is the web page's.
  return sender.origin === undefined || self.baseUrl.startsWith(`${sender.origin}/`);
}

/** The answer a refused sender gets: the failure shape every worker answer uses, naming what was refused. */
export function refusal(type: string) {
  return {
    ok: false as const,
    error: {
      kind: "forbidden" as const,
      message: `wxsync answers only its own pages: "${type}" from a script in a web page is refused.`,
    },
  };
}

/** Routes one message to its handler if the sender may ask it; null when the message is not ours. */
export function createDispatcher(handlers: Handlers, self: Self) {
  return (message: unknown, sender: Sender): Promise<unknown> | null => {
    if (!isMessageOf(handlers, message)) return null;
    if (!isExtensionPage(sender, self)) return Promise.resolve(refusal(message.type));
    const handle = handlers[message.type] as (
      payload: Message["payload"],
      s: { tabId?: number },
    ) => Promise<unknown>;
    return handle(message.payload, { tabId: sender.tab?.id }).catch((error: unknown) => ({
      ok: false,
      error: { kind: "http", message: `The extension failed: ${String(error)}` },
    }));
  };
}

function isMessageOf(handlers: Handlers, value: unknown): value is Message<MessageType> {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && Object.hasOwn(handlers, type);
}
