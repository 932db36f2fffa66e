import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../test/helpers.ts";
import { escapeHtml } from "../lib/html.ts";

type Spec = {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
};

let res: Response;
let page: string;
let spec: Spec;

beforeAll(async () => {
  res = await call("/api/v1/docs");
  page = await res.text();
  spec = await (await call("/api/v1/openapi.json")).json<Spec>();
});

describe("GET /api/v1/docs", () => {
  it("answers with an HTML page without an API key", () => {
    expect(res.status).toBe(200);
    // Charset names are case-insensitive; hono writes UTF-8.
    expect(res.headers.get("content-type")?.toLowerCase()).toBe("text/html; charset=utf-8");
    expect(page).toMatch(/^<!doctype html>/);
  });

  it("shows every operation of the live openapi.json, each once", () => {
    const expected = Object.entries(spec.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const shown = [
      ...page.matchAll(
        /<h3><span class="method [a-z]+">([A-Z]+)<\/span> <span class="path">([^<]+)<\/span>/g,
      ),
    ]
      .map((m) => `${m[1]} ${m[2]}`)
      .sort();
    expect(expected).toContain("GET /api/v1/docs");
    expect(shown).toEqual(expected);
  });

  it("lists every named schema and the document's title, version and description", () => {
    for (const name of Object.keys(spec.components.schemas)) expect(page).toContain(`id="schema-${name}"`);
    expect(page).toContain(escapeHtml(spec.info.title));
    expect(page).toContain(escapeHtml(spec.info.version));
    expect(page).toContain(escapeHtml(spec.info.description));
    expect(page).toContain('href="/api/v1/openapi.json"');
  });

  it("loads nothing from elsewhere", () => {
    // Text may mention a URL; nothing may be fetched from one.
    expect(page).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("cannot be framed by another page", () => {
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("tells public operations from those needing an API key", () => {
    const section = (id: string) => page.slice(page.indexOf(`id="${id}"`)).split("</section>")[0];
    expect(section("op-get-api-v1-health")).toContain("Public: no API key needed.");
    expect(section("op-get-api-v1-customers")).toContain("Needs an API key");
    expect(section("op-get-api-v1-docs")).toContain('<code class="ctype">text/html</code>');
  });
});
