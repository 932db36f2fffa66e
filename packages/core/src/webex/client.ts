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
  /** Retries per request for 5xx and dropped connections (jittered exponential backoff). Default 3. */
  maxRetries?: number;
  /** Retries per request for 429/423, each after Retry-After: throttling means "later", not "failed". Default 30. */
  maxThrottleRetries?: number;
  /** Jitter source, injected for deterministic tests. */
  random?: () => number;
  /** Waits between retries; injected so tests run instantly. */
  sleep?: (ms: number) => Promise<void>;
  /** Observes every response (for counters, logs and tracking ids). */
  onResponse?: (info: {
    method: string;
    path: string;
    status: number;
    trackingId?: string;
    attempt: number;
    retryAfterSeconds?: number;
  }) => void;
  /** Awaited before every attempt: lets a caller hold all requests back while Webex is throttling. */
  pace?: () => Promise<void>;
};

const DEFAULT_RETRY_AFTER_S = 5;
/** Parameters that say where a page starts: a next link legitimately changes them. */
const PAGE_POSITION_PARAMS = new Set(["start", "startIndex", "cursor", "after", "before"]);
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
  const maxRetries = options.maxRetries ?? 3;
  const maxThrottleRetries = options.maxThrottleRetries ?? 30;
  const random = options.random ?? Math.random;
  /** 1 s, 2 s, 4 s … with ±50 % jitter so many clients never retry in step. */
  const backoffMs = (failure: number) => Math.min(2 ** (failure - 1), MAX_WAIT_S) * 1000 * (0.5 + random());

  function buildUrl(path: string, query: Query = {}): URL {
    const url = new URL(path.startsWith("http") ? path : `${base}${path}`);
    const all: Query = { ...query };
    if (options.orgId && all.orgId === undefined) all.orgId = options.orgId;
    for (const [key, value] of Object.entries(all)) {
      if (value !== undefined && !url.searchParams.has(key)) url.searchParams.set(key, String(value));
    }
    return url;
  }

  // Failures and throttling are counted apart: a 429 storm must not use up the budget meant for outages.
  async function send(method: string, url: URL, body?: unknown): Promise<{ res: Response; data: unknown }> {
    const path = url.pathname.replace(/^.*?\/v1/, "");
    let failures = 0;
    let throttles = 0;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      await options.pace?.();
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
        options.onResponse?.({ method, path, status: 0, attempt });
        if (++failures > maxRetries)
          throw new WebexApiError(0, `Webex could not be reached: ${String(error)}`, { path });
        await sleep(backoffMs(failures));
        continue;
      }
      const trackingId = res.headers.get("trackingid") ?? undefined;
      const retryAfter = res.headers.has("retry-after") ? Number(res.headers.get("retry-after")) : undefined;
      options.onResponse?.({
        method,
        path,
        status: res.status,
        trackingId,
        attempt,
        retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
      });
      if (res.ok) {
        // A connection dropped mid-body or a cut-off JSON document is as transient as a 503.
        try {
          return { res, data: await readJson(res, path) };
        } catch (error) {
          if (++failures > maxRetries) throw error;
          await sleep(backoffMs(failures));
          continue;
        }
      }
      const error = await webexErrorFrom(res, path);
      if (!error.transient) throw error;
      if (error.status === 429 || error.status === 423) {
        if (++throttles > maxThrottleRetries) throw error;
        // Up to a second on top of Retry-After, so requests throttled together do not all come back together.
        const waitS = Math.max(
          1,
          Math.min(error.details.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S, MAX_WAIT_S),
        );
        await sleep(waitS * 1000 + Math.floor(random() * 1000));
      } else {
        if (++failures > maxRetries) throw error;
        await sleep(backoffMs(failures));
      }
    }
  }

  async function readJson(res: Response, path: string): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new WebexApiError(0, `The connection to Webex broke while reading ${path}: ${String(error)}`, {
        path,
      });
    }
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
      return (await send("GET", buildUrl(path, query))).data;
    },

    async write(
      method: "POST" | "PUT" | "PATCH" | "DELETE",
      path: string,
      body?: unknown,
      query?: Query,
    ): Promise<unknown> {
      return (await send(method, buildUrl(path, query), body)).data;
    },

    /** A write whose Webex tracking id is kept, for the log of every change wxsync made at Webex. */
    async writeTracked(
      method: "POST" | "PUT" | "PATCH" | "DELETE",
      path: string,
      body?: unknown,
      query?: Query,
    ): Promise<{ data: unknown; trackingId: string | null }> {
      const { res, data } = await send(method, buildUrl(path, query), body);
      return { data, trackingId: res.headers.get("trackingid") };
    },

    /**
     * One page of a list: its items and the absolute URL of the next page (null at the end). The next URL is
     * what a durable sync checkpoints. When Webex drops query parameters from the next link, the missing ones
     * are put back so a filtered list never silently widens.
     */
    async page(
      pathOrUrl: string,
      itemKey: string,
      query: Query = {},
    ): Promise<{ items: unknown[]; next: string | null }> {
      const url = buildUrl(pathOrUrl, pathOrUrl.startsWith("http") ? {} : query);
      const path = url.pathname.replace(/^.*?\/v1/, "");
      const { res, data: body } = await send("GET", url);
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
      const nextLink = parseNextLink(res.headers.get("link"));
      if (!nextLink || list.length === 0) return { items: list, next: null };
      const nextUrl: URL = new URL(nextLink, url);
      for (const [key, value] of url.searchParams.entries()) {
        if (!nextUrl.searchParams.has(key) && !PAGE_POSITION_PARAMS.has(key))
          nextUrl.searchParams.set(key, value);
      }
      return { items: list, next: nextUrl.toString() };
    },

    /** Yields each page's items, following `Link: rel="next"` to the end. */
    async *pages(path: string, itemKey: string, query: Query = {}): AsyncGenerator<unknown[]> {
      let next: string | null = path;
      let first = true;
      while (next) {
        const page: { items: unknown[]; next: string | null } = await this.page(
          next,
          itemKey,
          first ? query : {},
        );
        first = false;
        if (page.items.length > 0) yield page.items;
        next = page.next;
      }
    },
  };
}

export type WebexClient = ReturnType<typeof createWebexClient>;
