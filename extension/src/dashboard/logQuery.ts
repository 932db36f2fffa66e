/**
 * @module dashboard/logQuery
 * The log filters as the form holds them, and as the API takes them: empty fields left out, times from
 * the browser's local clock turned into ISO 8601 instants.
 */
export const LOG_FILTERS = [
  "from",
  "to",
  "customerId",
  "model",
  "device",
  "code",
  "level",
  "kind",
  "q",
] as const;
export type LogFilters = Record<(typeof LOG_FILTERS)[number], string>;

export const LOG_LEVELS = ["info", "warn", "error"];
export const LOG_KINDS = ["sync", "action", "token", "webex_error"];

export const emptyFilters = (): LogFilters => ({
  from: "",
  to: "",
  customerId: "",
  model: "",
  device: "",
  code: "",
  level: "",
  kind: "",
  q: "",
});

/** A `datetime-local` value ("2026-11-24T09:30") as the instant it names here. */
function instant(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function toQuery(filters: LogFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of LOG_FILTERS) {
    const value = filters[name].trim();
    if (value) query[name] = name === "from" || name === "to" ? instant(value) : value;
  }
  return query;
}

/** The CSV twin of the log with the same filters. */
export const logsCsvPath = (query: Record<string, string>) => {
  const search = new URLSearchParams(query).toString();
  return `/api/v1/logs.csv${search ? `?${search}` : ""}`;
};
