/**
 * @module csv/encode
 * RFC 4180 cells and rows for spreadsheets: quoting where needed, CRLF line ends, lists in one readable cell,
 * and a guard against formula injection. Pure functions, so the worker and the extension write the same CSV.
 */

/** A leading character that makes Excel, Sheets or LibreOffice evaluate a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Text for one cell. Lists become "a; b", objects "key: value" pairs, so a user's phone numbers, licences
 * and roles read in one cell. Strings a spreadsheet would run as a formula get a leading apostrophe
 * (OWASP's advice): "+14085550100" arrives as "'+14085550100" — the JSON API has the raw value.
 * Numbers and booleans are written as they are: a negative number is data, not a formula.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return guard(value.map(flatText).filter(Boolean).join("; "));
  if (typeof value === "object") return guard(flatText(value));
  return guard(String(value));
}

function flatText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(flatText).filter(Boolean).join(", ");
  if (typeof value === "object")
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${k}: ${flatText(v)}`)
      .join(", ");
  return String(value);
}

function guard(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, quoted when it holds a quote, comma or line break (RFC 4180 §2.6–2.7). */
export function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF terminator. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map((v) => quoteField(cellText(v))).join(",")}\r\n`;
}

const WORDS: Record<string, string> = {
  id: "ID",
  ids: "IDs",
  mac: "MAC",
  sip: "SIP",
  url: "URL",
  dnd: "DND",
  pstn: "PSTN",
  voss: "VOSS",
  csv: "CSV",
};

/** "locationId" → "Location ID", "phoneNumbers" → "Phone numbers": header cells a person reads. */
export function readableName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const [first = "", ...rest] = words;
  const head = WORDS[first.toLowerCase()] ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return [head, ...rest].join(" ");
}
