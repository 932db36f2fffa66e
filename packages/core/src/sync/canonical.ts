/**
 * @module sync/canonical
 * Stable hashing and field-by-field comparison of Webex payloads. Key order never matters, so an object
 * Webex returns with its fields reordered counts as unchanged and is not rewritten.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export async function contentHash(value: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(value)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export type FieldChange = { path: string; before: unknown; after: unknown };

/** Leaf-level differences between two payloads, e.g. `{ path: "emails.0", before: "a@x", after: "b@x" }`. */
export function diffFields(
  before: unknown,
  after: unknown,
  path = "",
  out: FieldChange[] = [],
): FieldChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      diffFields(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return out;
  }
  if (canonicalJson(before) !== canonicalJson(after))
    out.push({ path, before: before ?? null, after: after ?? null });
  return out;
}
