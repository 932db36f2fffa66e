/**
 * Test-only: loads the official per-tag OpenAPI specs and validates responses leniently, as REFERENCE.md §8
 * prescribes (the specs' own examples break some of their rules): `required` ignored, everything nullable,
 * extra properties allowed, enums and formats not enforced (unknown enum values are collected as warnings).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";

/**
 * Where the official specs are: `WEBEX_OPENAPI_DIR`, or the project's reference folder beside the checkout. They
 * are not part of this repository, so a checkout without them cannot run the contract tests (they say so).
 */
export const SPEC_DIR: string | undefined = [
  process.env.WEBEX_OPENAPI_DIR,
  join(import.meta.dirname, "../../../../../shared/webex-api/openapi/by-tag"),
  "/work/shared/webex-api/openapi/by-tag",
].find((dir): dir is string => !!dir && existsSync(dir));

type Json = Record<string, unknown>;
export type Operation = {
  file: string;
  path: string;
  method: string;
  status: number;
  schema?: Json;
  example?: unknown;
};

const DROP = new Set([
  "required",
  "enum",
  "format",
  "example",
  "examples",
  "discriminator",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "readOnly",
  "writeOnly",
  "xml",
  "externalDocs",
  "default",
  "nullable",
  "additionalProperties",
  "title",
  "description",
  "uniqueItems",
  "deprecated",
]);

/** Rewrites a spec schema into its lenient form; `$ref`s become absolute so one Ajv can hold every file. */
function lenient(node: unknown, file: string, enums: Map<string, unknown[]>, at: string): unknown {
  if (Array.isArray(node)) return node.map((n, i) => lenient(n, file, enums, `${at}/${i}`));
  if (!node || typeof node !== "object") return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === "$ref" && typeof v === "string") out.$ref = v.startsWith("#") ? `${file}${v}` : v;
    else if (k === "enum" && Array.isArray(v)) enums.set(`${file}${at}`, v);
    else if (k === "oneOf") out.anyOf = lenient(v, file, enums, `${at}/oneOf`);
    else if (k === "properties" && v && typeof v === "object") {
      out.properties = Object.fromEntries(
        Object.entries(v as Json).map(([p, s]) => [p, lenient(s, file, enums, `${at}/properties/${p}`)]),
      );
    } else if (!DROP.has(k)) out[k] = lenient(v, file, enums, `${at}/${k}`);
  }
  if (typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

export class SpecIndex {
  readonly ops = new Map<string, Operation>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly enums = new Map<string, unknown[]>();

  constructor(dir: string = SPEC_DIR ?? "") {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yml"))) {
      const doc = parse(readFileSync(join(dir, file), "utf8")) as Json;
      const components = lenient(doc.components ?? {}, file, this.enums, "#/components");
      this.ajv.addSchema({ $id: file, components }, file);
      for (const [path, ops] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
        for (const [method, op] of Object.entries(ops)) {
          const responses = (op as Json).responses as Record<string, Json> | undefined;
          if (!responses) continue;
          const okEntry = Object.entries(responses).find(([code]) => code.startsWith("2"));
          const ok = okEntry?.[1];
          const content = (ok?.content as Record<string, Json> | undefined)?.["application/json"];
          const schema = content?.schema as Json | undefined;
          this.ops.set(`${method.toUpperCase()} ${path}`, {
            file,
            path,
            method: method.toUpperCase(),
            status: Number(okEntry?.[0] ?? 200),
            schema: schema
              ? (lenient(schema, file, this.enums, `#/paths${path}/${method}`) as Json)
              : undefined,
            example: content?.example,
          });
        }
      }
    }
  }

  op(method: string, path: string): Operation {
    const op = this.ops.get(`${method} ${path}`);
    if (!op) throw new Error(`no spec operation ${method} ${path}`);
    return op;
  }

  /** Validation errors (empty when the body fits the lenient schema). */
  validate(method: string, path: string, body: unknown): string[] {
    const op = this.op(method, path);
    if (!op.schema) return [];
    const key = `${method} ${path}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(op.schema);
      this.compiled.set(key, fn);
    }
    if (fn(body)) return [];
    return (fn.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
  }
}
