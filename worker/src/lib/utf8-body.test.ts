import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";

let admin: Record<string, string>;

beforeAll(async () => {
  admin = (await createKey("admin")).headers;
});

/** `{"name":"<before><bytes><after>","role":"viewer"}` with the bytes spliced in raw. */
function keyRequest(bytes: number[], before = "ops", after = " key") {
  const encode = (text: string) => new TextEncoder().encode(text);
  return call("/api/v1/api-keys", {
    method: "POST",
    headers: { ...admin, "content-type": "application/json" },
    body: new Uint8Array([
      ...encode(`{"name":"${before}`),
      ...bytes,
      ...encode(`${after}","role":"viewer"}`),
    ]),
  });
}

describe("JSON bodies that are not UTF-8", () => {
  it("are refused naming the body, instead of being stored with replacement characters", async () => {
    for (const bytes of [[0xff, 0xfe], [0x80], [0xc0, 0xaf], [0xe2, 0x82]]) {
      const res = await keyRequest(bytes);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: "BAD_REQUEST", message: "body: is not valid UTF-8; send JSON encoded as UTF-8." },
      });
    }
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE name LIKE 'ops%'").first();
    expect(stored).toEqual({ n: 0 });
  });

  it("still accept any character sent as UTF-8", async () => {
    const res = await keyRequest([...new TextEncoder().encode("ü🙂")]);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "opsü🙂 key" });
  });
});
