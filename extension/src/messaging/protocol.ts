/**
 * @module messaging/protocol
 * The one typed channel between content scripts/pages and the background service worker, which owns every
 * network call. Each message type maps to the shape of its answer.
 */
import type { Health } from "@wxsync/core/health";
import type { WorkerResult } from "../worker-api/client.ts";

export type Protocol = {
  "worker.health": { request: Record<string, never>; response: WorkerResult<Health> };
};

export type MessageType = keyof Protocol;
export type Message<K extends MessageType = MessageType> = { type: K; payload: Protocol[K]["request"] };
export type Handlers = {
  [K in MessageType]: (payload: Protocol[K]["request"]) => Promise<Protocol[K]["response"]>;
};

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}
