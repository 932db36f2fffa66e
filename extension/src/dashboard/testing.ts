/**
 * @module dashboard/testing
 * Test support for the dashboard's components: a fake `send` answering from a table of handlers (and
 * recording every call), sample API objects, and mounting into happy-dom.
 */
import { type ComponentChild, render } from "preact";
import { act } from "preact/test-utils";
import { vi } from "vitest";
import { trustedClick } from "../guard/testing.ts";
import type { MessageType, Protocol } from "../messaging/protocol.ts";
import type { Customer, LogEntry, Run } from "../worker-api/schemas.ts";
import type { Send } from "./ask.ts";

type Handler<K extends MessageType> = (
  payload: Protocol[K]["request"],
) => Protocol[K]["response"] | Promise<Protocol[K]["response"]>;
export type FakeHandlers = { [K in MessageType]?: Handler<K> };

/** A `send` that answers from `handlers`; a message without a handler fails the test loudly. */
export function fakeSend(handlers: FakeHandlers) {
  const calls: { type: MessageType; payload: unknown }[] = [];
  const impl = async (type: MessageType, payload: unknown) => {
    calls.push({ type, payload });
    const handler = handlers[type] as ((p: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`No fake answer for ${type}`);
    return handler(payload);
  };
  const send = vi.fn(impl) as unknown as Send;
  const callsOf = <K extends MessageType>(type: K) =>
    calls.filter((c) => c.type === type).map((c) => c.payload as Protocol[K]["request"]);
  return { send, calls, callsOf };
}

export const ok = <T>(data: T) => ({ ok: true as const, data });
export const page = <T>(items: T[], nextCursor: string | null = null) => ok({ items, nextCursor });
export const unreachable = {
  ok: false as const,
  error: {
    kind: "unreachable" as const,
    message: "Cannot reach the wxsync worker at http://127.0.0.1:8787. Is it running, and is the URL right?",
  },
};

export function customer(id: string, name: string, health: Partial<Customer["tokenHealth"]> = {}): Customer {
  return {
    id,
    name,
    orgId: `org-${id}`,
    orgUuid: `uuid-${id}`,
    tokenHealth: { status: "ok", refreshTokenDaysLeft: 80, ...health },
  };
}

export function run(id: string, overrides: Partial<Run> = {}): Run {
  return {
    id,
    customerId: "c1",
    dataSyncName: "SyncSparkAcme",
    trigger: "manual",
    status: "succeeded",
    progress: 100,
    totals: { added: 3, updated: 2, removed: 1, unchanged: 10 },
    createdAt: "2026-01-02T10:00:00Z",
    startedAt: "2026-01-02T10:00:01Z",
    endedAt: "2026-01-02T10:02:00Z",
    error: null,
    models: [],
    ...overrides,
  };
}

export function logEntry(id: number, message: string, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    at: "2026-01-02T10:00:00Z",
    level: "info",
    kind: "sync",
    message,
    customerId: null,
    model: null,
    webexStatus: null,
    webexErrorCode: null,
    webexTrackingId: null,
    ...overrides,
  };
}

/** Renders `ui` and lets its first answers arrive. */
export async function mount(ui: ComponentChild) {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(ui, root);
  });
  await settle();
  return root;
}

/** Lets pending answers (resolved promises) reach the components. */
export async function settle() {
  for (let i = 0; i < 3; i++) await act(async () => {});
}

export const all = (root: Element, testid: string) => [...root.querySelectorAll(`[data-testid="${testid}"]`)];
export const one = (root: Element, testid: string) =>
  root.querySelector<HTMLElement>(`[data-testid="${testid}"]`);

export async function click(element: Element | null) {
  await trustedClick(element);
  await settle();
}
