/**
 * @module csv/encode
 * RFC 4180 cells and rows for spreadsheets: quoting where needed, CRLF line ends, lists in one readable cell,
 * and a guard against formula injection. Pure functions, so the worker and the extension write the same CSV.
 */

/*
 * The formula guard follows OWASP's CSV injection advice: a cell a spreadsheet would evaluate gets a leading
 * apostrophe, which Excel, Sheets and LibreOffice take as "this cell is text" and do not display.
 * - Formula characters: = + - @ and their full-width forms ＝ ＋ － ＠ (East Asian input methods type these,
 *   and Excel evaluates them like the ASCII ones).
 * - Spreadsheets skip leading whitespace before deciding, so the first character that is not whitespace
 *   counts: spaces, tabs, line breaks, NBSP and the other Unicode spaces, and the zero-width ones.
 * - A cell starting with tab, CR or NUL is guarded whatever follows (OWASP; ASVS 1.2.10 adds NUL).
 * - A cell holding a separator (, ; tab |) whose later segment, after optional whitespace, starts with a
 *   formula character is guarded as a whole: a reader that splits the cell there would otherwise start a
 *   new cell with a formula. The apostrophe marks the whole cell as text for readers that keep it whole
 *   (every reader of this file as written: comma-separated, RFC 4180 quotes). We do not rewrite text inside
 *   a cell, so a reader set to split on another delimiter must be pointed at ours (Excel: Data → From
 *   Text/CSV, delimiter Comma).
 *
 * Numbers: a JSON number is written as it is (-5 stays -5): a number cell cannot hold a formula. Text that
 * looks like a number is guarded like any other text, OWASP's advice, and we keep it for phone numbers on
 * purpose: Excel turns an unguarded "+14085550100" into a number (the + gone, long ones in scientific
 * notation) and takes "+1 408 555 0100" for a formula, while "'+14085550100" shows exactly +14085550100.
 * A program reading the file drops the one leading apostrophe, or reads the JSON API, which has the raw value.
 */
const FORMULA = "=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20";
const SPACE = "\\s\\u200B-\\u200D\\u2060";
const FORMULA_START = new RegExp(`^(?:[\\t\\r\\0]|[${SPACE}]*[${FORMULA}])`, "u");
const FORMULA_AFTER_SEPARATOR = new RegExp(`[,;\\t|][${SPACE}]*[${FORMULA}]`, "u");
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Text for one cell. Lists become "a; b", objects "key: value" pairs, so a user's phone numbers, licences
 * and roles read in one cell. Text a spreadsheet would run as a formula gets a leading apostrophe (the
 * formula guard above): "+14085550100" arrives as "'+14085550100" — the JSON API has the raw value.
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
  return FORMULA_START.test(text) || FORMULA_AFTER_SEPARATOR.test(text) ? `'${text}` : text;
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
