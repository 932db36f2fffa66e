/**
 * Values for one JSON Schema: fast-check arbitraries for values it accepts, a list of values it refuses, and
 * `conforms`, which decides between the two. The generators trust nothing but the schema: a hostile string
 * that the schema happens to allow (SQL in free text) is a valid value, one it refuses is an invalid one.
 */
import fc from "fast-check";
import type { JsonSchema } from "./openapi-doc.ts";

export type Resolve = (schema: JsonSchema) => JsonSchema;

const HUGE = "x".repeat(100_000);

/** Input an attacker or a careless spreadsheet sends: SQL, formulas, markup, control characters. */
export const HOSTILE_STRINGS = [
  "' OR 1=1; DROP TABLE customers;--",
  '"; DELETE FROM api_keys; --',
  "=cmd|' /C calc'!A0",
  "@SUM(1)",
  "+1",
  "-1",
  '=HYPERLINK("https://evil.example","x")',
  "<script>alert(1)</script>",
  "a\u0000b",
  "\u202Eevil",
  "%00",
  "../../etc/passwd",
  "🙂",
  " ",
  HUGE,
];

/** Cursors no page ever handed out: truncated, re-encoded, or carrying SQL. */
export const MALFORMED_CURSORS = [
  "not-a-cursor",
  "eyJ",
  btoa("{}"),
  btoa("[]"),
  btoa("null"),
  btoa(JSON.stringify({ id: "' OR 1=1--", at: -1 })),
  btoa("\u00ff\u00fe"),
  "%%%",
  "-1",
  "a".repeat(5000),
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

const formats: Record<string, (value: string) => boolean> = {
  uuid: (v) => UUID.test(v),
  email: (v) => EMAIL.test(v),
  "date-time": (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
};

/** A document pattern as a RegExp; JSON Schema patterns are ECMA-262 with Unicode semantics. */
export function patternRegExp(pattern: string) {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return new RegExp(pattern);
  }
}

function typesOf(schema: JsonSchema): string[] | null {
  const types = typeof schema.type === "string" ? [schema.type] : schema.type;
  if (types) return schema.nullable ? [...types, "null"] : types;
  if (schema.properties) return ["object"];
  if (schema.items) return ["array"];
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const hasType: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  null: (v) => v === null,
  array: Array.isArray,
  object: isObject,
};

/** Whether `value` satisfies `schema`, for the keywords this module knows; unknown keywords allow anything. */
export function conforms(schema: JsonSchema, value: unknown, resolve: Resolve): boolean {
  const s = resolve(schema);
  if (s.allOf && !s.allOf.every((part) => conforms(part, value, resolve))) return false;
  if (s.anyOf && !s.anyOf.some((part) => conforms(part, value, resolve))) return false;
  if (s.oneOf && s.oneOf.filter((part) => conforms(part, value, resolve)).length !== 1) return false;
  if (s.enum && !s.enum.includes(value)) return false;
  if ("const" in s && s.const !== value) return false;
  const types = typesOf(s);
  if (types && !types.some((t) => hasType[t]?.(value))) return false;
  if (typeof value === "string") {
    const length = [...value].length;
    if (s.minLength !== undefined && length < s.minLength) return false;
    if (s.maxLength !== undefined && length > s.maxLength) return false;
    if (s.pattern !== undefined && !patternRegExp(s.pattern).test(value)) return false;
    if (s.format && formats[s.format] && !formats[s.format]!(value)) return false;
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) return false;
    if (s.maximum !== undefined && value > s.maximum) return false;
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return false;
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return false;
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) return false;
    if (s.maxItems !== undefined && value.length > s.maxItems) return false;
    if (s.items && !value.every((item) => conforms(s.items!, item, resolve))) return false;
  }
  if (isObject(value)) {
    const properties = s.properties ?? {};
    if ((s.required ?? []).some((key) => !(key in value))) return false;
    for (const [key, item] of Object.entries(value)) {
      const own = properties[key];
      if (own) {
        if (!conforms(own, item, resolve)) return false;
      } else if (s.additionalProperties === false) {
        return false;
      } else if (isObject(s.additionalProperties) && !conforms(s.additionalProperties, item, resolve)) {
        return false;
      }
    }
  }
  return true;
}

/** Removes lookaround groups, which fast-check cannot generate from; callers re-check the full pattern. */
function withoutLookarounds(source: string) {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "\\") {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (!/^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      out += source[i];
      continue;
    }
    let depth = 0;
    for (; i < source.length; i++) {
      if (source[i] === "\\") i++;
      else if (source[i] === "(") depth++;
      else if (source[i] === ")" && --depth === 0) break;
    }
  }
  return out;
}

/**
 * Strings matching a documented pattern. A pattern nothing can match (a broken document) throws here,
 * naming the pattern, instead of hanging in a filter.
 */
function matching(pattern: string, maxLength: number | undefined) {
  const full = patternRegExp(pattern);
  let arb: fc.Arbitrary<string>;
  try {
    arb = fc.stringMatching(full, { maxLength });
  } catch {
    arb = fc.stringMatching(new RegExp(withoutLookarounds(full.source), full.flags), { maxLength });
  }
  const probe = fc.sample(arb, { seed: 1, numRuns: 50 });
  if (!probe.some((s) => full.test(s))) {
    throw new Error(`No string generated for the documented pattern ${pattern} matches it: ${probe[0]}`);
  }
  return arb.filter((s) => full.test(s));
}

function strings(s: JsonSchema, resolve: Resolve): fc.Arbitrary<string> {
  const format = s.format;
  let base: fc.Arbitrary<string>;
  if (format === "uuid") base = fc.uuid();
  else if (format === "email") base = fc.stringMatching(/^[a-z]{1,12}@[a-z]{1,12}\.example$/);
  else if (format === "date-time")
    base = fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString());
  else if (format === "uri" || format === "url") base = fc.webUrl();
  else if (s.pattern !== undefined) base = matching(s.pattern, s.maxLength);
  else {
    const minLength = s.minLength ?? 0;
    const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 40));
    base = fc.oneof(
      fc.string({ minLength, maxLength }),
      fc.string({ minLength, maxLength, unit: "grapheme" }),
    );
  }
  base = base.filter((v) => conforms(s, v, resolve));
  const hostile = HOSTILE_STRINGS.filter((v) => conforms(s, v, resolve));
  return hostile.length
    ? fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: fc.constantFrom(...hostile), weight: 1 })
    : base;
}

function integers(s: JsonSchema) {
  const min = Math.max(s.minimum ?? -1_000_000, (s.exclusiveMinimum ?? -Infinity) + 1);
  const max = Math.min(s.maximum ?? 1_000_000, (s.exclusiveMaximum ?? Infinity) - 1);
  // The bounds themselves are where off-by-one mistakes live.
  return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
}

export type ValueOptions = {
  /** Include every optional property, so a mutation deep in the value always has a parent to land in. */
  full?: boolean;
};

/** Values `schema` accepts. */
export function validValue(
  schema: JsonSchema,
  resolve: Resolve,
  options: ValueOptions = {},
): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  if ("const" in s) return fc.constant(s.const);
  const choices = s.anyOf ?? s.oneOf;
  if (choices) {
    const arbs = choices.map((part) => validValue(part, resolve, options));
    return fc.oneof(...arbs).filter((v) => conforms(s, v, resolve));
  }
  const types = typesOf(s);
  if (!types) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "null":
          return fc.constant(null);
        case "boolean":
          return fc.boolean();
        case "integer":
          return integers(s);
        case "number":
          return fc.double({
            min: s.minimum ?? -1e6,
            max: s.maximum ?? 1e6,
            noNaN: true,
            noDefaultInfinity: true,
          });
        case "string":
          return strings(s, resolve);
        case "array": {
          const minLength = Math.max(s.minItems ?? 0, options.full ? 1 : 0);
          const maxLength = Math.min(s.maxItems ?? minLength + 3, minLength + 3);
          return fc.array(validValue(s.items ?? {}, resolve, options), { minLength, maxLength });
        }
        case "object": {
          const properties = Object.entries(s.properties ?? {});
          const model = Object.fromEntries(
            properties.map(([key, value]) => [key, validValue(value, resolve, options)]),
          );
          const requiredKeys = options.full ? properties.map(([key]) => key) : (s.required ?? []);
          return fc.record(model, { requiredKeys });
        }
        default:
          return fc.jsonValue({ maxDepth: 2 });
      }
    }),
  );
}

/** Candidates for a value the schema should refuse, before filtering: every kind of wrong. */
function candidates(s: JsonSchema): unknown[] {
  const wrong: unknown[] = [null, true, 0, -1, 1.5, 1e12, "", "abc", [], {}, [1], { a: 1 }, HUGE];
  wrong.push(...HOSTILE_STRINGS, "not-a-uuid", "0b6f8a4e-3c1d-4c2a-9d7e-5f1a2b3c4d5", "2024-13-45T99:99:99Z");
  for (const value of s.enum ?? []) {
    if (typeof value === "string") wrong.push(`${value}_nope`, value.toUpperCase(), ` ${value}`);
  }
  if (s.minimum !== undefined) wrong.push(s.minimum - 1);
  if (s.maximum !== undefined) wrong.push(s.maximum + 1);
  if (s.exclusiveMinimum !== undefined) wrong.push(s.exclusiveMinimum);
  if (s.minLength !== undefined && s.minLength > 0) wrong.push("x".repeat(s.minLength - 1));
  if (s.maxLength !== undefined) wrong.push("x".repeat(s.maxLength + 1));
  return wrong;
}

/** JSON values the schema refuses; empty when it accepts anything. */
export function invalidJson(schema: JsonSchema, resolve: Resolve): unknown[] {
  const s = resolve(schema);
  return candidates(s).filter((v) => !conforms(s, v, resolve));
}

/** How a query or path string reads as the schema's type: "12" is the integer 12, "true" a boolean. */
export function fromText(schema: JsonSchema, text: string, resolve: Resolve): unknown {
  const types = typesOf(resolve(schema)) ?? [];
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(text))
    return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** Strings that, read as the schema's type, the schema refuses: for query and path parameters. */
export function invalidText(schema: JsonSchema, resolve: Resolve): string[] {
  const s = resolve(schema);
  const texts = candidates(s)
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
    .concat(["1e12", "NaN", "Infinity", "0x10", "9".repeat(400), "true", "null"]);
  return [...new Set(texts)].filter((t) => !conforms(s, fromText(s, t, resolve), resolve));
}

/** The text form of a valid value in a query string or path. */
export const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
