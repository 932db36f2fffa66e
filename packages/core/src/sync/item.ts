/** Reading fields out of Webex payloads, which are loosely typed (every field optional in practice). */
export type Item = Record<string, unknown>;

export function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null;
}

export function num(value: unknown): number | null {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

export function bool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

export function obj(value: unknown): Item {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Item) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Joins a list for one CSV cell / column, e.g. licence ids: "a; b". */
export function joined(values: unknown[]): string | null {
  const parts = values.map(str).filter((v): v is string => v !== null);
  return parts.length > 0 ? parts.join("; ") : null;
}
