import { describe, expect, it } from "vitest";
import { STATUS_STYLE } from "../status/status.view.ts";
import { html, page, pageHeaders } from "./html.ts";

/** The CSP source a browser computes for each style block of `document`. */
async function styleSources(document: string) {
  const blocks = [...document.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  return Promise.all(
    blocks.map(async (css) => {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
      return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
    }),
  );
}

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(" ")];
    }),
  );

describe("pages and their headers", () => {
  it.each([
    ["a plain page", ""],
    ["the status page's extra style", STATUS_STYLE],
  ])("allows exactly the style block of %s, by its hash", async (_, style) => {
    const document = page("Title", html`<p>hi</p>`, style);
    const policy = directives((await pageHeaders(style))["content-security-policy"]!);
    expect(await styleSources(document)).toEqual([policy["style-src"]]);
    expect(policy).toEqual({
      "default-src": "'none'",
      "style-src": expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/),
      "frame-ancestors": "'none'",
      "form-action": "'none'",
      "base-uri": "'none'",
    });
  });

  it("hashes what the page carries: another style gets another hash", async () => {
    const plain = (await pageHeaders())["content-security-policy"];
    expect((await pageHeaders("p{color:red}"))["content-security-policy"]).not.toBe(plain);
  });

  it("forbids framing, sniffing, referrers and caching", async () => {
    expect(await pageHeaders()).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    });
  });
});
