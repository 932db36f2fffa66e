/**
 * @module origin
 * The worker's own public origin, from configuration: PUBLIC_ORIGIN, or under local development
 * (LOCAL_DEV=1) the origin the request came to. Never from a deployed worker's request: its Host header would
 * choose where Webex sends an authorization code and which origin CORS trusts as the worker's own.
 */
import type { AppBindings } from "../env.ts";

/** Null when a deployed worker has no PUBLIC_ORIGIN: callers refuse, or trust no own origin. */
export function ownOrigin(env: Pick<AppBindings, "PUBLIC_ORIGIN" | "LOCAL_DEV">, requestUrl: string) {
  if (env.PUBLIC_ORIGIN) return env.PUBLIC_ORIGIN;
  return env.LOCAL_DEV ? new URL(requestUrl).origin : null;
}
