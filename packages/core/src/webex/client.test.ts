import { describe, expect, it } from "vitest";
import { createWebexClient } from "./client.ts";
import { WebexApiError } from "./errors.ts";

type Handler = (url: URL, init: RequestInit) => Response;

function fakeFetch(handler: Handler) {
  const calls: URL[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(url);
    return handler(url, init ?? {});
  }) as typeof fetch;
  return { fn, calls };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
  });

describe("Webex client", () => {
  it("follows Link headers, sends orgId and stops at the last page", async () => {
    const { fn, calls } = fakeFetch((url) => {
      const start = Number(url.searchParams.get("start") ?? 0);
      const next: Record<string, string> =
        start < 4
          ? { link: `<https://webex.test/v1/things?orgId=ORG&max=2&start=${start + 2}>; rel="next"` }
          : {};
      return json({ things: [start, start + 1].filter((n) => n < 5) }, { headers: next });
    });
    const client = createWebexClient({
      baseUrl: "https://webex.test/v1",
      token: () => "t",
      orgId: "ORG",
      fetch: fn,
    });
    const seen: unknown[] = [];
    for await (const page of client.pages("/things", "things", { max: 2 })) seen.push(...page);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(calls[0]?.searchParams.get("orgId")).toBe("ORG");
    expect(calls).toHaveLength(3);
  });

  it("puts back query parameters a next link dropped", async () => {
    const { fn, calls } = fakeFetch((url) =>
      url.searchParams.get("start") === "1"
        ? json({ items: ["b"] })
        : json({ items: ["a"] }, { headers: { link: '<https://webex.test/v1/people?start=1>; rel="next"' } }),
    );
    const client = createWebexClient({ baseUrl: "https://webex.test/v1", token: () => "t", fetch: fn });
    const seen: unknown[] = [];
    for await (const page of client.pages("/people", "items", { callingData: true, locationId: "L1" }))
      seen.push(...page);
    expect(seen).toEqual(["a", "b"]);
    expect(calls[1]?.searchParams.get("callingData")).toBe("true");
    expect(calls[1]?.searchParams.get("locationId")).toBe("L1");
  });

  it("waits as long as Retry-After says on 429, then succeeds", async () => {
    let n = 0;
    const { fn } = fakeFetch(() =>
      ++n === 1
        ? json({ message: "slow down" }, { status: 429, headers: { "retry-after": "7" } })
        : json({ ok: true }),
    );
    const waits: number[] = [];
    const client = createWebexClient({
      baseUrl: "https://webex.test/v1",
      token: () => "t",
      fetch: fn,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
    });
    expect(await client.get("/x")).toEqual({ ok: true });
    expect(waits).toEqual([7500]);
  });

  it("throws Webex's message and tracking id on a 4xx without retrying", async () => {
    let n = 0;
    const { fn } = fakeFetch(() => {
      n++;
      return json(
        {
          message: "The requested resource could not be found.",
          errors: [{ description: "gone" }],
          trackingId: "ROUTER_1",
        },
        { status: 404 },
      );
    });
    const client = createWebexClient({
      baseUrl: "https://webex.test/v1",
      token: () => "t",
      fetch: fn,
      sleep: async () => {},
    });
    const error = await client.get("/people/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexApiError);
    expect(error).toMatchObject({
      status: 404,
      message: "The requested resource could not be found.",
      details: { trackingId: "ROUTER_1" },
    });
    expect(n).toBe(1);
  });

  it("gives up after the retry budget on persistent 503s", async () => {
    const { fn, calls } = fakeFetch(() => json({ message: "down" }, { status: 503 }));
    const client = createWebexClient({
      baseUrl: "https://webex.test/v1",
      token: () => "t",
      fetch: fn,
      maxRetries: 2,
      sleep: async () => {},
    });
    await expect(client.get("/x")).rejects.toMatchObject({ status: 503, transient: true });
    expect(calls).toHaveLength(3);
  });

  it("retries a cut-off JSON body, and reports it as an error, not as data, when it persists", async () => {
    let n = 0;
    const { fn } = fakeFetch(() =>
      ++n === 1 ? new Response('{"items": [', { status: 200 }) : json({ items: [1] }),
    );
    const client = createWebexClient({
      baseUrl: "https://webex.test/v1",
      token: () => "t",
      fetch: fn,
      sleep: async () => {},
    });
    expect(await client.get("/x")).toEqual({ items: [1] });
    const broken = fakeFetch(() => new Response('{"items": [', { status: 200 }));
    const failing = createWebexClient({
      baseUrl: "https://webex.test/v1",
      token: () => "t",
      fetch: broken.fn,
      sleep: async () => {},
    });
    await expect(failing.get("/x")).rejects.toThrow("not JSON");
    expect(broken.calls).toHaveLength(4);
  });
});
