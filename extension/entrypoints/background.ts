import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { createHandlers } from "../src/messaging/handlers.ts";
import { isMessage, type Message } from "../src/messaging/protocol.ts";

export default defineBackground(() => {
  const handlers = createHandlers();
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    if (!isMessage(message) || !(message.type in handlers)) return false;
    const { type, payload } = message as Message;
    handlers[type](payload).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: { kind: "http", message: `The extension failed: ${String(error)}` } }),
    );
    return true; // keeps the channel open for the async answer
  });
});
