import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { createHandlers } from "../src/messaging/handlers.ts";
import { isMessage, type Message } from "../src/messaging/protocol.ts";

export default defineBackground(() => {
  const handlers = createHandlers({
    hasPermission: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
  });
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isMessage(message) || !(message.type in handlers)) return false;
    const { type, payload } = message as Message;
    const handle = handlers[type] as (p: typeof payload, s: { tabId?: number }) => Promise<unknown>;
    handle(payload, { tabId: sender.tab?.id }).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: { kind: "http", message: `The extension failed: ${String(error)}` } }),
    );
    return true; // keeps the channel open for the async answer
  });
});
