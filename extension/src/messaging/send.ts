import { browser } from "wxt/browser";
import type { MessageType, Protocol } from "./protocol.ts";

/** Asks the background service worker; resolves with its typed answer. */
export async function send<K extends MessageType>(
  type: K,
  payload: Protocol[K]["request"],
): Promise<Protocol[K]["response"]> {
  return (await browser.runtime.sendMessage({ type, payload })) as Protocol[K]["response"];
}
