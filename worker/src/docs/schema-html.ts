/**
 * @module docs/schema-html
 * Renders OpenAPI schemas for the API reference page as nested property lists. A `$ref` to
 * `components/schemas` is expanded the first time an operation meets it and linked after that, which also
 * ends reference cycles; a depth limit stops deeply nested inline schemas.
 */
import type { App } from "../lib/app-env.ts";
import { escapeHtml, Html, html } from "../lib/html.ts";

export type OpenAPIDocument = ReturnType<App["getOpenAPI31Document"]>;
type Components = NonNullable<OpenAPIDocument["components"]>;
export type SchemaOrRef = NonNullable<Components["schemas"]>[string];
type Schema = Exclude<SchemaOrRef, { $ref: string; summary?: string }>;
type Ref = Exclude<SchemaOrRef, Schema>;

/** Which named schemas this rendering may still expand; shared by everything one operation shows. */
export type SchemaContext = { schemas: Record<string, SchemaOrRef>; expanded: Set<string> };

const REF_PREFIX = "#/components/schemas/";
const MAX_DEPTH = 8;

export const schemaContext = (doc: OpenAPIDocument, expanded: Iterable<string> = []): SchemaContext => ({
  schemas: doc.components?.schemas ?? {},
  expanded: new Set(expanded),
});

export const schemaAnchor = (name: string) => `schema-${name.replace(/[^\w-]/g, "-")}`;

/** Escaped text in which `backtick spans` become <code>. */
export const prose = (text: string | undefined) =>
  new Html(escapeHtml(text ?? "").replace(/`([^`]+)`/g, "<code>$1</code>"));

const isRef = (s: SchemaOrRef): s is Ref => typeof s.$ref === "string";
const refName = (s: Ref) => (s.$ref.startsWith(REF_PREFIX) ? s.$ref.slice(REF_PREFIX.length) : undefined);
const types = (s: Schema) => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);
const isNullOnly = (s: SchemaOrRef) => !isRef(s) && types(s).length === 1 && types(s)[0] === "null";
const literal = (value: unknown) => html`<code>${JSON.stringify(value)}</code>`;
const join = (parts: Html[], separator: string) => new Html(parts.map((p) => p.value).join(separator));

/** `oneOf`/`anyOf` without the `{type: "null"}` branch zod adds for nullable values. */
function variants(s: Schema) {
  const all = s.oneOf ?? s.anyOf ?? [];
  return { kind: s.oneOf ? "one of" : "any of", list: all.filter((v) => !isNullOnly(v)) };
}

function isNullable(s: Schema) {
  return (
    types(s).includes("null") ||
    (s.enum ?? []).includes(null) ||
    [...(s.oneOf ?? []), ...(s.anyOf ?? [])].some(isNullOnly)
  );
}

/** A short type name: `string (uuid)`, `array of Customer`, `record of any`, `A | B`. */
export function typeLabel(s: SchemaOrRef, depth = 0): Html {
  if (isRef(s)) {
    const name = refName(s);
    return name ? html`<a href="#${schemaAnchor(name)}">${name}</a>` : html`<code>${s.$ref}</code>`;
  }
  if (depth > MAX_DEPTH) return html`…`;
  const { list } = variants(s);
  if (list.length > 0)
    return join(
      list.map((v) => typeLabel(v, depth + 1)),
      " | ",
    );
  if (s.allOf)
    return join(
      s.allOf.map((v) => typeLabel(v, depth + 1)),
      " &amp; ",
    );
  if (s.const !== undefined) return html`constant ${literal(s.const)}`;
  const named = types(s).filter((t) => t !== "null");
  if (named.includes("array")) return html`array of ${typeLabel(s.items ?? {}, depth + 1)}`;
  const extra = s.additionalProperties;
  if (!s.properties && extra !== undefined && extra !== false) {
    return html`record of ${typeLabel(extra === true ? {} : extra, depth + 1)}`;
  }
  const base = named.join(" | ") || (s.properties ? "object" : "any");
  return s.format ? html`${base} (${s.format})` : html`${base}`;
}

function range(min: number | undefined, max: number | undefined, unit: string) {
  if (min !== undefined && max !== undefined) return `${unit} ${min}–${max}`;
  if (min !== undefined) return `${unit} ≥ ${min}`;
  return max !== undefined ? `${unit} ≤ ${max}` : undefined;
}

/** Nullability, allowed values, default and bounds, as small tags after the type. */
export function notes(s: SchemaOrRef): Html {
  if (isRef(s)) return html``;
  const out: Html[] = [];
  if (isNullable(s)) out.push(html`nullable`);
  const values = (s.enum ?? []).filter((v) => v !== null);
  if (values.length > 0) out.push(html`one of ${join(values.map(literal), ", ")}`);
  if (s.default !== undefined) out.push(html`default ${literal(s.default)}`);
  const bounds = [
    range(s.minimum, s.maximum, "value"),
    s.exclusiveMinimum !== undefined ? `value > ${s.exclusiveMinimum}` : undefined,
    s.exclusiveMaximum !== undefined ? `value < ${s.exclusiveMaximum}` : undefined,
    range(s.minLength, s.maxLength, "length"),
    range(s.minItems, s.maxItems, "items"),
  ];
  for (const bound of bounds) if (bound) out.push(html`${bound}`);
  if (s.pattern) out.push(html`pattern ${literal(s.pattern)}`);
  if (s.deprecated) out.push(html`deprecated`);
  return join(
    out.map((n) => html` <span class="note">${n}</span>`),
    "",
  );
}

function field(name: Html, s: SchemaOrRef, required: boolean, ctx: SchemaContext, depth: number) {
  return html`<li><code class="prop">${name}</code> <span class="type">${typeLabel(s)}</span>${
    required ? html` <span class="req">required</span>` : ""
  }${notes(s)}${s.description ? html` <span class="desc">— ${prose(s.description)}</span>` : ""}${details(
    s,
    ctx,
    depth + 1,
  )}</li>`;
}

/** What a schema contains below its type line: properties, item or value shapes, variants. */
function details(s: SchemaOrRef, ctx: SchemaContext, depth: number): Html {
  if (depth > MAX_DEPTH) return html``;
  if (isRef(s)) {
    const name = refName(s);
    if (!name || ctx.expanded.has(name)) return html``;
    const target = ctx.schemas[name];
    if (!target) return html` <span class="bad">(not defined in components)</span>`;
    ctx.expanded.add(name);
    return details(target, ctx, depth);
  }
  const parts: Html[] = [];
  const required = new Set(s.required ?? []);
  const props = Object.entries(s.properties ?? {});
  const extra = s.additionalProperties;
  if (props.length > 0) {
    const fields = props.map(([name, p]) => field(html`${name}`, p, required.has(name), ctx, depth));
    if (typeof extra === "object") fields.push(field(html`<em>any other key</em>`, extra, false, ctx, depth));
    parts.push(html`<ul class="props">${fields}</ul>`);
  } else if (typeof extra === "object") {
    parts.push(details(extra, ctx, depth + 1));
  }
  if (s.items) parts.push(details(s.items, ctx, depth + 1));
  const { kind, list } = variants(s);
  const branches = s.allOf ? { kind: "all of", list: s.allOf } : { kind, list };
  if (branches.list.length === 1) {
    parts.push(details(branches.list[0]!, ctx, depth + 1));
  } else if (branches.list.length > 1) {
    const items = branches.list.map(
      (v) =>
        html`<li><span class="type">${typeLabel(v)}</span>${notes(v)}${
          v.description ? html` <span class="desc">— ${prose(v.description)}</span>` : ""
        }${details(v, ctx, depth + 1)}</li>`,
    );
    parts.push(html`<div class="variants">${branches.kind}:<ul>${items}</ul></div>`);
  }
  return join(parts, "");
}

/** A whole schema: its type line, description and contents. */
export function schemaBlock(s: SchemaOrRef, ctx: SchemaContext): Html {
  return html`<div class="schema"><span class="type">${typeLabel(s)}</span>${notes(s)}${
    s.description ? html` <span class="desc">— ${prose(s.description)}</span>` : ""
  }${details(s, ctx, 0)}</div>`;
}
