/**
 * Requests for one operation of the OpenAPI document, as fast-check arbitraries: valid ones built from its
 * parameter and body schemas, and invalid ones that break exactly one thing (a parameter, a body field, or
 * the body as a whole) and record which, so a 400 can be checked for naming it.
 */
import fc from "fast-check";
import type { ApiDocument, JsonSchema, Operation, Parameter } from "./openapi-doc.ts";
import {
  asText,
  conforms,
  invalidJson,
  invalidText,
  MALFORMED_CURSORS,
  type Resolve,
  validValue,
} from "./values.ts";

export type FuzzRequest = {
  method: string;
  /** The documented path, e.g. `/api/v1/customers/{id}`. */
  template: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Where the deliberate fault is (`query.limit`, `body.name`, `path.id`, `body`); empty when valid. */
  fault: string | null;
  /** What the fault is, for failure reports. */
  mutation: string;
  /** The kind of fault, or "valid". */
  kind: FaultKind | "valid";
  /** Unknown query parameters added on top; a 400 may name one of these instead of the fault. */
  extras: string[];
  /** The media types the document gives for each status of this operation. */
  responses: Operation["responses"];
};

/**
 * Real ids to put in path parameters, by the collection the parameter names a member of (`customers` for
 * `/customers/{id}`), or by parameter name where no collection precedes it (`{itemId}` after `{model}`).
 */
export type PathIds = Record<string, string[]>;

export function idsFor(op: Operation, param: Parameter, ids: PathIds) {
  const segments = op.path.split("/");
  const at = segments.findIndex((s) => s.includes(`{${param.name}}`));
  const collection = segments[at - 1];
  return (collection && !collection.includes("{") && ids[collection]) || ids[param.name] || [];
}

type Parts = {
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
};

const EXTRA_QUERY_NAMES = [
  "fuzz",
  "utm_source",
  "__proto__",
  "constructor",
  "filter[name]",
  "$where",
  "debug",
];
const EXTRA_QUERY_VALUES = ["1", "", "true", "' OR 1=1--", "=cmd|' /C calc'!A0", "{}"];

/** Unknown query parameters: never a fault on their own, since a server may rightly ignore them. */
const extrasArb = fc.uniqueArray(
  fc.tuple(fc.constantFrom(...EXTRA_QUERY_NAMES), fc.constantFrom(...EXTRA_QUERY_VALUES)),
  { maxLength: 2, selector: ([name]) => name },
);

const inPlace = (op: Operation, where: Parameter["in"]) => op.parameters.filter((p) => p.in === where);

/** Path values: mostly real ids (so the request reaches the code behind the lookup), else from the schema. */
function pathValue(real: string[], param: Parameter, resolve: Resolve, realOnly: boolean) {
  const generated = validValue(param.schema, resolve).map(asText);
  real = real.filter((id) => conforms(param.schema, id, resolve));
  if (real.length === 0) return generated;
  if (realOnly) return fc.constantFrom(...real);
  return fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, { arbitrary: generated, weight: 1 });
}

/**
 * `forFault`: real ids, every optional body field present (so a fault deep in the body has somewhere to go)
 * and no optional query parameter, so the fault is the one thing wrong.
 */
function partsArb(op: Operation, doc: ApiDocument, ids: PathIds, forFault: boolean): fc.Arbitrary<Parts> {
  const { resolve } = doc;
  const path = fc.record(
    Object.fromEntries(
      inPlace(op, "path").map((p) => [p.name, pathValue(idsFor(op, p, ids), p, resolve, forFault)]),
    ),
  );
  const query = fc
    .tuple(
      ...inPlace(op, "query").map((p) => {
        const value = validValue(p.schema, resolve).map((v) => [[p.name, asText(v)]] as [string, string][]);
        const none = fc.constant([] as [string, string][]);
        // An optional parameter the server refuses for reasons the schema cannot express (a sort column
        // the model lacks) would hide the fault, so faulty requests leave them out.
        if (p.required) return value;
        return forFault ? none : fc.oneof(none, value);
      }),
    )
    .map((lists) => lists.flat());
  const headers = fc.record(
    Object.fromEntries(inPlace(op, "header").map((p) => [p.name, validValue(p.schema, resolve).map(asText)])),
    {
      requiredKeys: inPlace(op, "header")
        .filter((p) => p.required)
        .map((p) => p.name),
    },
  );
  const body = op.body ? validValue(op.body.schema, resolve, { full: forFault }) : fc.constant(undefined);
  return fc.record({ path, query, headers, body });
}

function encodeBody(mediaType: string, body: unknown): string {
  if (mediaType.includes("json")) return JSON.stringify(body);
  if (mediaType === "application/x-www-form-urlencoded" && typeof body === "object" && body !== null)
    return new URLSearchParams(Object.entries(body).map(([k, v]) => [k, asText(v)])).toString();
  return asText(body);
}

function build(op: Operation, parts: Parts, extras: [string, string][], fault: Fault | null): FuzzRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(parts.path[name] ?? ""),
  );
  const headers: Record<string, string> = { ...parts.headers };
  let body: string | undefined;
  if (op.body && parts.body !== undefined) {
    headers["content-type"] = op.body.mediaType;
    body = encodeBody(op.body.mediaType, parts.body);
  }
  return {
    method: op.method,
    template: op.path,
    path,
    query: [...parts.query, ...extras],
    headers,
    body,
    fault: fault?.label ?? null,
    mutation: fault?.mutation ?? "valid",
    kind: fault?.kind ?? "valid",
    extras: extras.map(([name]) => name),
    responses: op.responses,
  };
}

/** Requests the document says are valid (the server may still refuse some: it knows more than the schema). */
export function validRequests(op: Operation, doc: ApiDocument, ids: PathIds): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(partsArb(op, doc, ids, false), extrasArb)
    .map(([parts, extras]) => build(op, parts, extras, null));
}

/** What a fault breaks: a path or query parameter, a body field's value, a required field left out, a field
 * the body may not have, the JSON syntax, the body's bytes, its media type, or its shape as a whole. */
export type FaultKind =
  | "path"
  | "query"
  | "value"
  | "missing"
  | "unknown"
  | "syntax"
  | "bytes"
  | "media"
  | "shape";

type Fault = {
  kind: FaultKind;
  label: string;
  mutation: string;
  /** `fresh` is a random, well-formed UUID drawn for this request, for ids that name nothing. */
  apply: (parts: Parts, fresh: string) => Parts;
  raw?: RawBody;
};
/** A body sent as given instead of encoded from the parts: broken JSON, bad bytes, the wrong media type. */
type RawBody = (parts: Parts) => { contentType: string | null; body: string | Uint8Array };

const label = (path: (string | number)[]) => ["body", ...path].join(".");

/** Passed to `setAt` to delete the key instead of setting it. */
const REMOVE = Symbol("remove");

function setAt(value: unknown, path: (string | number)[], next: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return next;
  // Arrays stay arrays (a JSON body must keep its shape); both index the same way.
  const container = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  if (rest.length === 0 && next === REMOVE) delete container[head];
  else container[head] = setAt(container[head], rest, next);
  return container;
}

/** Every place in a body schema a fault can go: each property, inside nested objects and first array items. */
function bodySites(schema: JsonSchema, resolve: Resolve, path: (string | number)[] = []) {
  const sites: { path: (string | number)[]; schema: JsonSchema; parent: JsonSchema }[] = [];
  const s = resolve(schema);
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    const c = resolve(child);
    sites.push({ path: [...path, key], schema: c, parent: s });
    if (c.properties) sites.push(...bodySites(c, resolve, [...path, key]));
    if (c.items && resolve(c.items).properties) sites.push(...bodySites(c.items, resolve, [...path, key, 0]));
  }
  return sites;
}

function bodyFaults(op: Operation, resolve: Resolve): Fault[] {
  if (!op.body) return [];
  const faults: Fault[] = [];
  const root = resolve(op.body.schema);
  const objects = [{ path: [] as (string | number)[], schema: root }];
  for (const site of bodySites(root, resolve)) {
    if (site.parent.required?.includes(String(site.path.at(-1)))) {
      faults.push({
        kind: "missing",
        label: label(site.path),
        mutation: `missing required ${label(site.path)}`,
        apply: (p) => ({ ...p, body: setAt(p.body, site.path, REMOVE) }),
      });
    }
    for (const bad of invalidJson(site.schema, resolve)) {
      faults.push({
        kind: "value",
        label: label(site.path),
        mutation: `${label(site.path)} = ${JSON.stringify(bad).slice(0, 60)}`,
        apply: (p) => ({ ...p, body: setAt(p.body, site.path, bad) }),
      });
    }
    if (site.schema.properties) objects.push({ path: site.path, schema: site.schema });
  }
  for (const object of objects.filter((o) => o.schema.additionalProperties === false)) {
    const path = [...object.path, "fuzzUnknownField"];
    faults.push({
      kind: "unknown",
      label: label(path),
      mutation: `unknown field ${label(path)}`,
      apply: (p) => ({ ...p, body: setAt(p.body, path, "surprise") }),
    });
  }
  for (const bad of invalidJson(root, resolve).filter((v) => typeof v !== "string" || v.length < 100)) {
    faults.push({
      kind: "shape",
      label: "body",
      mutation: `body = ${JSON.stringify(bad)}`,
      apply: (p) => ({ ...p, body: bad }),
    });
  }
  const json = op.body.mediaType;
  for (const text of ["", "{", '{"name": ', "{'name': 'x'}", '{"a":1,}', "NaN", "\u0000"]) {
    faults.push({
      kind: "syntax",
      label: "body",
      mutation: `malformed JSON ${JSON.stringify(text)}`,
      apply: (p) => p,
      raw: () => ({ contentType: json, body: text }),
    });
  }
  // Bytes that are not UTF-8 inside a JSON string: lone lead bytes, a stray continuation, an overlong '/'.
  const strings = bodySites(root, resolve).filter((s) => s.schema.type === "string");
  for (const [i, bytes] of [[0xff, 0xfe], [0x80], [0xc0, 0xaf], [0xe2, 0x82]].entries()) {
    const path = strings[i % Math.max(1, strings.length)]?.path ?? ["x"];
    faults.push({
      kind: "bytes",
      label: "body",
      mutation: `bytes ${bytes.map((b) => b.toString(16)).join(" ")} inside a JSON string`,
      apply: (p) => p,
      raw: (p) => ({ contentType: json, body: withBadBytes(p.body, path, bytes) }),
    });
  }
  // A required body sent as another media type is one the server cannot read, whatever it contains (an
  // optional one may rightly be taken as absent).
  if (op.body.required) {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/xml", null]) {
      faults.push({
        kind: "media",
        label: "body",
        mutation: `JSON body sent as ${contentType ?? "no content-type"}`,
        apply: (p) => p,
        raw: (p) => ({ contentType, body: JSON.stringify(p.body) }),
      });
    }
  }
  return faults;
}

const MARK = "\u0001FUZZ\u0001";

/** The JSON encoding of `body` with raw `bytes` spliced into the string at `path`. */
function withBadBytes(body: unknown, path: (string | number)[], bytes: number[]): Uint8Array {
  const text = JSON.stringify(setAt(body, path, `a${MARK}b`));
  const [before, after] = text.split(JSON.stringify(MARK).slice(1, -1));
  const encoder = new TextEncoder();
  return new Uint8Array([...encoder.encode(before), ...bytes, ...encoder.encode(after)]);
}

function paramFaults(op: Operation, ids: PathIds, resolve: Resolve): Fault[] {
  const faults: Fault[] = [];
  for (const param of inPlace(op, "path")) {
    const key = `path.${param.name}`;
    for (const bad of invalidText(param.schema, resolve)) {
      faults.push({
        kind: "path",
        label: key,
        mutation: `${key} = ${JSON.stringify(bad).slice(0, 60)}`,
        apply: (p) => ({ ...p, path: { ...p.path, [param.name]: bad } }),
      });
    }
    // An id that is well formed but names nothing: a 404, and nothing may change.
    const takesIds = param.schema.format === "uuid" || idsFor(op, param, ids).length > 0;
    if (takesIds && conforms(param.schema, "0b6f8a4e-3c1d-4c2a-9d7e-5f1a2b3c4d5e", resolve)) {
      faults.push({
        kind: "path",
        label: key,
        mutation: `${key} names nothing`,
        apply: (p, fresh) => ({ ...p, path: { ...p.path, [param.name]: fresh } }),
      });
    }
  }
  for (const param of inPlace(op, "query")) {
    const key = `query.${param.name}`;
    const cursor = /cursor/i.test(`${param.name} ${param.description ?? ""}`);
    const bad = [...invalidText(param.schema, resolve), ...(cursor ? MALFORMED_CURSORS : [])];
    for (const value of bad) {
      faults.push({
        kind: "query",
        label: key,
        mutation: `${key} = ${JSON.stringify(value).slice(0, 60)}`,
        apply: (p) => ({ ...p, query: [...p.query.filter(([n]) => n !== param.name), [param.name, value]] }),
      });
    }
    if (param.required) {
      faults.push({
        kind: "query",
        label: key,
        mutation: `missing required ${key}`,
        apply: (p) => ({ ...p, query: p.query.filter(([n]) => n !== param.name) }),
      });
    }
  }
  return faults;
}

/**
 * Requests with exactly one fault each, or null when the document leaves nothing to break (every input a
 * free string). The rest of the request is valid and uses real ids, so the fault is what gets refused.
 */
export function invalidRequests(
  op: Operation,
  doc: ApiDocument,
  ids: PathIds,
): fc.Arbitrary<FuzzRequest> | null {
  const faults = [...paramFaults(op, ids, doc.resolve), ...bodyFaults(op, doc.resolve)];
  if (faults.length === 0) return null;
  // Every kind of fault is equally likely, however many variants of each the schema allows.
  const kinds = [...new Set(faults.map((f) => f.kind))].map((kind) =>
    fc.constantFrom(...faults.filter((f) => f.kind === kind)),
  );
  return fc
    .tuple(partsArb(op, doc, ids, true), fc.oneof(...kinds), extrasArb, fc.uuid({ version: 4 }))
    .map(([parts, fault, extras, fresh]) => {
      const request = build(op, fault.apply(parts, fresh), extras, fault);
      if (!fault.raw) return request;
      const raw = fault.raw(parts);
      const headers = { ...request.headers };
      delete headers["content-type"];
      if (raw.contentType) headers["content-type"] = raw.contentType;
      return { ...request, headers, body: raw.body };
    });
}
