/**
 * @module webex/client
 * The Webex REST client every sync and action uses: bearer auth, `orgId` for partner tokens, `Link`-header
 * pagination (repairing next links that lost query parameters, a known Webex defect), and patient retries
 * on 429/423 (honouring Retry-After) and 5xx. It never swallows an error: a failed call throws WebexApiError.
 */
import { WebexApiError, webexErrorFrom } from "./errors.ts";

export type Query = Record<string, string | number | boolean | undefined>;

export type WebexClientOptions = {
  baseUrl: string;
  /** The access token, read per request so a refreshed token is picked up mid-sync. */
  token: () => string | Promise<string>;
  /** Set when a partner token acts on a customer org. */
  orgId?: string;
  fetch?: typeof fetch;
  /** Retries per request for 429/423/5xx/network errors. */
  maxRetries?: number;
  /** Waits between retries; injected so tests run instantly. */
  sleep?: (ms: number) => Promise<void>;
  /** Observes every response (for counters, logs and tracking ids). */
  onResponse?: (info: {
    method: string;
    path: string;
    status: number;
    trackingId?: string;
    attempt: number;
  }) => void;
};

const DEFAULT_RETRY_AFTER_S = 5;
const MAX_WAIT_S = 60;

function parseNextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(",")) {
    const match = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (match) return match[1];
  }
  return undefined;
}

export function createWebexClient(options: WebexClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, "");
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxRetries = options.maxRetries ?? 5;

  function buildUrl(path: string, query: Query = {}): URL {
    const url = new URL(path.startsWith("http") ? path : `${base}${path}`);
    const all: Query = { ...query };
    if (options.orgId && all.orgId === undefined) all.orgId = options.orgId;
    for (const [key, value] of Object.entries(all)) {
      if (value !== undefined && !url.searchParams.has(key)) url.searchParams.set(key, String(value));
    }
    return url;
  }

  async function send(method: string, url: URL, body?: unknown): Promise<Response> {
    const path = url.pathname.replace(/^.*?\/v1/, "");
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetchImpl(url.toString(), {
          method,
          headers: {
            authorization: `Bearer ${await options.token()}`,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        if (attempt >= maxRetries)
          throw new WebexApiError(0, `Webex could not be reached: ${String(error)}`, { path });
        await sleep(Math.min(2 ** attempt, MAX_WAIT_S) * 1000);
        continue;
      }
      const trackingId = res.headers.get("trackingid") ?? undefined;
      options.onResponse?.({ method, path, status: res.status, trackingId, attempt });
      if (res.ok) return res;
      const error = await webexErrorFrom(res, path);
      if (!error.transient || attempt >= maxRetries) throw error;
      const waitS =
        error.status === 429 || error.status === 423
          ? Math.max(1, Math.min(error.details.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S, MAX_WAIT_S))
          : Math.min(2 ** attempt, MAX_WAIT_S);
      await sleep(waitS * 1000);
    }
  }

  async function readJson(res: Response, path: string): Promise<unknown> {
    const text = await res.text();
    if (text === "") return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new WebexApiError(res.status, "Webex answered with a body that is not JSON", {
        path,
        trackingId: res.headers.get("trackingid") ?? undefined,
      });
    }
  }

  return {
    orgId: options.orgId,

    async get(path: string, query?: Query): Promise<unknown> {
      const url = buildUrl(path, query);
      return readJson(await send("GET", url), path);
    },

    async write(
      method: "POST" | "PUT" | "PATCH" | "DELETE",
      path: string,
      body?: unknown,
      query?: Query,
    ): Promise<unknown> {
      const url = buildUrl(path, query);
      return readJson(await send(method, url, body), path);
    },

    /**
     * Yields each page's items. Follows `Link: rel="next"`; when Webex drops query parameters from the next
     * link, the missing ones are put back so a filtered list never silently widens.
     */
    async *pages(path: string, itemKey: string, query: Query = {}): AsyncGenerator<unknown[]> {
      let url: URL | undefined = buildUrl(path, query);
      const first = new URL(url);
      while (url) {
        const res = await send("GET", url);
        const body = await readJson(res, path);
        const items =
          typeof body === "object" && body !== null ? (body as Record<string, unknown>)[itemKey] : undefined;
        if (items !== undefined && !Array.isArray(items)) {
          throw new WebexApiError(
            res.status,
            `Webex's answer for ${path} has "${itemKey}" but it is not a list`,
            { path },
          );
        }
        const list = (items ?? []) as unknown[];
        if (list.length > 0) yield list;
        const next = parseNextLink(res.headers.get("link"));
        if (!next || list.length === 0) return;
        const nextUrl: URL = new URL(next, url);
        for (const [key, value] of first.searchParams.entries()) {
          if (!nextUrl.searchParams.has(key) && key !== "start" && key !== "startIndex" && key !== "cursor") {
            nextUrl.searchParams.set(key, value);
          }
        }
        url = nextUrl;
      }
    },
  };
}

export type WebexClient = ReturnType<typeof createWebexClient>;
