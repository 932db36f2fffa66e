// Zod-free on purpose: content scripts import this and must stay small.
import type { Health } from "./schema.ts";

/** One line an administrator can read, e.g. "worker ok · v0.1.0 · database ok". */
export function describeHealth(health: Health): string {
  return `worker ${health.status} · v${health.version} · database ${health.database}`;
}
