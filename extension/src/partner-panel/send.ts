/**
 * @module partner-panel/send
 * The messaging function the Partner Hub panel is given, and a guard that turns a rejected message (the
 * background gone, the extension reloaded) into the same failure shape the worker's answers use.
 */
import type { MessageType, Protocol } from "../messaging/protocol.ts";
import type { send } from "../messaging/send.ts";
import type { WorkerFailure, WorkerResult } from "../worker-api/client.ts";

/** Typed like the extension's `send`; tests inject a fake. */
export type Send = typeof send;

/** The messages answered with a WorkerResult: every one the panel sends. */
type ResultMessage = {
  [K in MessageType]: Protocol[K]["response"] extends WorkerResult<unknown> ? K : never;
}[MessageType];

/** Sends a message and never throws: a rejection becomes `{ ok: false, error }` with the reason. */
export async function ask<K extends ResultMessage>(
  sendFn: Send,
  type: K,
  payload: Protocol[K]["request"],
): Promise<Protocol[K]["response"] | { ok: false; error: WorkerFailure }> {
  try {
    return await sendFn(type, payload);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { kind: "unreachable", message: `wxsync is not answering: ${reason}` } };
  }
}
