import { describe, expect, it } from "vitest";
import { renderDocs, roleHint } from "./render.ts";
import type { OpenAPIDocument, SchemaOrRef } from "./schema-html.ts";

const json = (schema: SchemaOrRef) => ({ "application/json": { schema } });

/** A small document with the awkward parts: markup in text, a self-referencing schema, nullable refs. */
const doc: OpenAPIDocument = {
  openapi: "3.1.0",
  info: { title: "Test <API>", version: "1.2.3", description: "Use `GET /things` <b>carefully</b>." },
  components: {
    parameters: {
      Id: {
        name: "id",
        in: "path",
        required: true,
        schema: { type: "string" },
        description: "The thing's id",
      },
    },
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A key." } },
    schemas: {
      Node: {
        type: "object",
        description: "A tree node <script>alert(1)</script>",
        properties: {
          name: { type: "string", minLength: 1, maxLength: 80 },
          kind: { type: ["string", "null"], enum: ["leaf", "branch", null] },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
          parent: { anyOf: [{ $ref: "#/components/schemas/Node" }, { type: "null" }] },
          tags: { type: "object", additionalProperties: { type: "integer" } },
        },
        required: ["name", "children"],
      },
      Ping: { $ref: "#/components/schemas/Pong" },
      Pong: { $ref: "#/components/schemas/Ping" },
    },
  },
  paths: {
    "/things/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: {
        tags: ["Things"],
        summary: "One thing <img src=x onerror=alert(1)>",
        description: "Needs the `operator` role.",
        security: [{ apiKey: [] }],
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
            description: "Page size",
          },
        ],
        responses: {
          200: { description: "The tree", content: json({ $ref: "#/components/schemas/Node" }) },
          404: { description: "Missing", content: { "text/csv": { schema: { type: "string" } } } },
        },
      },
      patch: {
        tags: ["Things"],
        requestBody: { required: true, content: json({ $ref: "#/components/schemas/Ping" }) },
        responses: { 204: { description: "Changed" } },
      },
    },
    "/health": { get: { summary: "Alive", responses: { 200: { description: "Yes" } } } },
  },
};

describe("renderDocs", () => {
  const page = renderDocs(doc);

  it("escapes markup from the document and turns backtick spans into code", () => {
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("Test &lt;API&gt;");
    expect(page).toContain("Use <code>GET /things</code> &lt;b&gt;carefully&lt;/b&gt;.");
  });

  it("ends on self- and mutually referencing schemas, linking back instead of expanding again", () => {
    expect(page).toContain('id="schema-Node"');
    expect(page).toContain('array of <a href="#schema-Node">Node</a>');
    // Node is expanded once in the operation and once in the schema list; the references inside link back.
    expect(page.match(/<code class="prop">children<\/code>/g)).toHaveLength(2);
    expect(page).toContain('id="schema-Ping"');
    expect(page).toContain('id="schema-Pong"');
  });

  it("shows each operation with method, path, security, role, parameters and responses per content type", () => {
    expect(page).toContain('<span class="method get">GET</span> <span class="path">/things/{id}</span>');
    expect(page).toContain('<span class="method patch">PATCH</span> <span class="path">/things/{id}</span>');
    expect(page).toContain("Needs an API key");
    expect(page).toContain("Public: no API key needed.");
    expect(page).toContain("Role: <code>operator</code>");
    expect(page).toContain("<code>limit</code></td><td>query</td><td>no</td>");
    expect(page).toContain(
      'integer</span> <span class="note">default <code>100</code></span> <span class="note">value 1–500</span>',
    );
    expect(page).toContain("string (uuid)");
    expect(page).toContain('<code class="ctype">text/csv</code>');
    expect(page).toContain("record of integer");
    expect(page).toContain("one of <code>&quot;leaf&quot;</code>, <code>&quot;branch&quot;</code>");
    expect(page).toContain("nullable");
    expect(page).toMatch(/<h4>Request body <span class="req">required<\/span><\/h4>/);
    expect(page).toContain("No body.");
  });

  it("resolves shared parameters, letting an operation's own parameter of the same name win", () => {
    const section = (id: string) => page.slice(page.indexOf(`id="${id}"`)).split("</section>")[0]!;
    expect(section("op-get-things-id").match(/<code>id<\/code>/g)).toHaveLength(1);
    expect(section("op-get-things-id")).toContain("string (uuid)");
    expect(section("op-patch-things-id")).toContain("<td>The thing&#39;s id</td>");
  });

  it("links every table-of-contents entry to an anchor on the page", () => {
    const targets = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    const ids = new Set([...page.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
  });
});

describe("roleHint", () => {
  it("reads the role a description says an operation needs", () => {
    expect(roleHint("Needs the admin role.")).toBe("admin");
    expect(roleHint("Requires `operator` role")).toBe("operator");
    expect(roleHint("Role: viewer")).toBe("viewer");
    expect(roleHint("The API key making this request: its name, role and customer scope")).toBeUndefined();
  });
});
