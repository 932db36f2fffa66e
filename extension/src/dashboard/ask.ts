/**
 * @module dashboard/ask
 * How the dashboard talks to the background: the typed `send` of the messaging protocol, injected as a prop
 * so every component is testable with a fake, and `ask`, which turns a background that does not answer at
 * all into the same "unreachable" failure the worker client gives, so no panel is ever left blank.
 */
import type { MessageType, Protocol } from "../messaging/protocol.ts";
import type { send } from "../messaging/send.ts";
import type { WorkerFailure, WorkerResult } from "../worker-api/client.ts";

export type Send = typeof send;

/** The messages answered by the worker (a `WorkerResult`), as opposed to local ones like "tab.customer". */
export type WorkerMessage = {
  [K in MessageType]: Protocol[K]["response"] extends WorkerResult<unknown> ? K : never;
}[MessageType];

export const UNREACHABLE = "wxsync worker unreachable";

export async function ask<K extends WorkerMessage>(
  send: Send,
  type: K,
  payload: Protocol[K]["request"],
): Promise<Protocol[K]["response"]> {
  try {
    return await send(type, payload);
  } catch (error) {
    const failure: WorkerFailure = {
      kind: "unreachable",
      message: `The extension's background did not answer (${error instanceof Error ? error.message : String(error)}). Reload the extension and try again.`,
    };
    return { ok: false, error: failure };
  }
}
