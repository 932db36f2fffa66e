/**
 * @module docs/render
 * Turns the OpenAPI document into the human-readable API reference: every operation grouped by tag with a
 * table of contents, then the named schemas. Pure (document in, HTML out) so it always matches the code.
 */
import { escapeHtml, Html, html } from "../lib/html.ts";
import { docsPage } from "./page.ts";
import {
  notes,
  type OpenAPIDocument,
  prose,
  type SchemaContext,
  schemaAnchor,
  schemaBlock,
  schemaContext,
  typeLabel,
} from "./schema-html.ts";

type PathItem = NonNullable<OpenAPIDocument["paths"]>[string];
type Operation = NonNullable<PathItem["get"]>;
type ParameterOrRef = NonNullable<Operation["parameters"]>[number];
type Components = NonNullable<OpenAPIDocument["components"]>;
type ResponseOrRef = NonNullable<Components["responses"]>[string];
type Content = NonNullable<Extract<ResponseOrRef, { content?: unknown }>["content"]>;

const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"] as const;
const UNTAGGED = "Other";
const tagAnchor = (tag: string) => `tag-${tag.replace(/\W+/g, "-")}`;

type Entry = { method: (typeof METHODS)[number]; path: string; op: Operation; shared: ParameterOrRef[] };

export const operationAnchor = (method: string, path: string) =>
  `op-${method}${path.replace(/[{}]/g, "").replace(/[^\w-]+/g, "-")}`;

/** Operations grouped by their first tag; tags the document declares come first, in its order. */
function groupByTag(doc: OpenAPIDocument) {
  const groups = new Map<string, Entry[]>((doc.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? UNTAGGED;
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, op, shared: item.parameters ?? [] });
    }
  }
  return [...groups].filter(([, entries]) => entries.length > 0);
}

/** "Needs the admin role" style hints; roles are enforced by middleware, so only the prose can tell. */
export function roleHint(text: string) {
  const match =
    /\b(?:needs|requires)\s+(?:the\s+|an?\s+)?`?([\w-]+)`?\s+role\b/i.exec(text) ??
    /\brole:\s*`?([\w-]+)/i.exec(text);
  return match?.[1];
}

function security(op: Operation, doc: OpenAPIDocument) {
  const requirements = op.security ?? doc.security ?? [];
  const schemes = [...new Set(requirements.flatMap((r) => Object.keys(r)))];
  if (schemes.length === 0) return html`<p class="auth public">Public: no API key needed.</p>`;
  const optional = requirements.some((r) => Object.keys(r).length === 0);
  const links = schemes.map((s) => html`<a href="#auth-${s}"><code>${s}</code></a>`);
  return html`<p class="auth">${optional ? "API key optional" : "Needs an API key"}: ${links}.</p>`;
}

/** Path-level parameters, replaced by an operation's own of the same name and place; `$ref`s resolved. */
function parameters(shared: ParameterOrRef[], own: ParameterOrRef[], doc: OpenAPIDocument) {
  const byKey = new Map<string, ParameterOrRef>();
  for (const param of [...shared, ...own]) {
    const resolved = "name" in param ? param : doc.components?.parameters?.[param.$ref.split("/").pop()!];
    const p = resolved ?? param;
    byKey.set("name" in p ? `${p.in}:${p.name}` : p.$ref, p);
  }
  return [...byKey.values()];
}

function parameterRow(p: ParameterOrRef) {
  if (!("name" in p)) return html`<tr><td colspan="5"><code>${p.$ref}</code> (not defined)</td></tr>`;
  return html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? "yes" : "no"}</td><td>${
    p.schema ? html`<span class="type">${typeLabel(p.schema)}</span>${notes(p.schema)}` : "—"
  }</td><td>${prose(p.description ?? p.schema?.description)}</td></tr>`;
}

const PARAMETER_HEADER = html`<tr><th>Name</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr>`;

function contentBlocks(content: Content | undefined, ctx: SchemaContext) {
  const entries = Object.entries(content ?? {});
  if (entries.length === 0) return html`<p class="muted">No body.</p>`;
  return entries.map(
    ([type, media]) =>
      html`<div class="media"><code class="ctype">${type}</code>${
        media.schema ? schemaBlock(media.schema, ctx) : html` <span class="muted">(no schema)</span>`
      }</div>`,
  );
}

function responses(op: Operation, ctx: SchemaContext) {
  const rows = Object.entries(op.responses ?? {}).map(([status, value]) => {
    const response: ResponseOrRef = value;
    if ("$ref" in response) return html`<li><code>${status}</code> <code>${response.$ref}</code></li>`;
    return html`<li class="response"><span class="status s${status[0]}">${status}</span> ${prose(
      response.description,
    )}${contentBlocks(response.content, ctx)}</li>`;
  });
  return html`<h4>Responses</h4><ul class="responses">${rows}</ul>`;
}

function requestBody(body: Operation["requestBody"], ctx: SchemaContext) {
  if (!body) return html``;
  if (!("content" in body)) return html`<h4>Request body</h4><code>${body.$ref}</code>`;
  return html`<h4>Request body${body.required ? html` <span class="req">required</span>` : ""}</h4>${
    body.description ? html`<p>${prose(body.description)}</p>` : ""
  }${contentBlocks(body.content, ctx)}`;
}

function operation({ method, path, op, shared }: Entry, doc: OpenAPIDocument) {
  // Each operation expands a named schema once and links to it after that.
  const ctx = schemaContext(doc);
  const role = roleHint(`${op.summary ?? ""}\n${op.description ?? ""}`);
  const params = parameters(shared, op.parameters ?? [], doc);
  return html`<section class="op" id="${operationAnchor(method, path)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <span class="path">${path}</span></h3>
${op.summary ? html`<p class="summary">${prose(op.summary)}</p>` : ""}
${op.description ? html`<p class="desc">${prose(op.description)}</p>` : ""}
${op.deprecated ? html`<p class="bad">Deprecated.</p>` : ""}
${security(op, doc)}${role ? html`<p class="role">Role: <code>${role}</code> or higher.</p>` : ""}
${params.length > 0 ? html`<h4>Parameters</h4><table><thead>${PARAMETER_HEADER}</thead><tbody>${params.map(parameterRow)}</tbody></table>` : ""}
${requestBody(op.requestBody, ctx)}${responses(op, ctx)}
</section>`;
}

function securitySchemes(doc: OpenAPIDocument) {
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  if (schemes.length === 0) return html``;
  const items = schemes.map(([name, scheme]) => {
    if ("$ref" in scheme) return html`<li><code>${name}</code>: <code>${scheme.$ref}</code></li>`;
    const kind =
      scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer"
        ? html`send <code>Authorization: Bearer &lt;key&gt;</code>`
        : html`${scheme.type}${scheme.scheme ? ` ${scheme.scheme}` : ""}${scheme.in ? ` in ${scheme.in}` : ""}${scheme.name ? ` ${scheme.name}` : ""}`;
    return html`<li id="auth-${name}"><code>${name}</code>: ${kind}. ${prose(scheme.description)}</li>`;
  });
  return html`<h2 id="auth">Authentication</h2><ul>${items}</ul>`;
}

function components(doc: OpenAPIDocument) {
  const names = Object.keys(doc.components?.schemas ?? {}).sort();
  return names.map((name) => {
    // Named schemas inside a named schema stay links: each has its own entry in this list.
    const ctx = schemaContext(doc, names);
    return html`<section class="component" id="${schemaAnchor(name)}"><h3>${name}</h3>${schemaBlock(
      ctx.schemas[name]!,
      ctx,
    )}</section>`;
  });
}

/** Lets long paths wrap in the narrow sidebar at a slash rather than mid-word. */
const breakable = (path: string) => new Html(escapeHtml(path).replaceAll("/", "/<wbr>"));

function tableOfContents(groups: ReturnType<typeof groupByTag>, schemaNames: string[]) {
  const tags = groups.map(
    ([tag, entries]) =>
      html`<li><a href="#${tagAnchor(tag)}">${tag}</a><ul>${entries.map(
        ({ method, path }) =>
          html`<li><a href="#${operationAnchor(method, path)}"><span class="m ${method}">${method.toUpperCase()}</span> ${breakable(path)}</a></li>`,
      )}</ul></li>`,
  );
  const schemas = schemaNames.map((n) => html`<li><a href="#${schemaAnchor(n)}">${n}</a></li>`);
  return html`<nav class="toc"><a href="#top"><strong>Contents</strong></a><ul><li><a href="#auth">Authentication</a></li>${tags}<li><a href="#schemas">Schemas</a><ul>${schemas}</ul></li></ul></nav>`;
}

export interface RenderOptions {
  /** Where the machine-readable document is served, linked from the page header. */
  specUrl?: string;
}

export function renderDocs(doc: OpenAPIDocument, { specUrl = "/api/v1/openapi.json" }: RenderOptions = {}) {
  const groups = groupByTag(doc);
  const tagInfo = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
  const sections = groups.map(
    ([tag, entries]) =>
      html`<h2 id="${tagAnchor(tag)}">${tag}</h2>${
        tagInfo.get(tag) ? html`<p>${prose(tagInfo.get(tag))}</p>` : ""
      }${entries.map((e) => operation(e, doc))}`,
  );
  const schemaNames = Object.keys(doc.components?.schemas ?? {}).sort();
  const main = html`<header id="top"><h1>${doc.info.title} <span class="version">${doc.info.version}</span></h1>
${doc.info.description ? html`<p>${prose(doc.info.description)}</p>` : ""}
<p class="muted">OpenAPI ${doc.openapi} document: <a href="${specUrl}">${specUrl}</a></p></header>
${securitySchemes(doc)}${sections}<h2 id="schemas">Schemas</h2>${components(doc)}`;
  return docsPage(`${doc.info.title} reference`, tableOfContents(groups, schemaNames), main);
}
