/**
 * @module dashboard/LogsFilter
 * The form for the log's filters: the same ones the API takes, so what is shown is what the CSV holds.
 */
import { useState } from "preact/hooks";
import type { Customer } from "../worker-api/schemas.ts";
import { words } from "./format.ts";
import { emptyFilters, LOG_KINDS, LOG_LEVELS, type LogFilters } from "./logQuery.ts";

export type LogsFilterProps = {
  customers: Customer[];
  onApply: (filters: LogFilters) => void;
};

const TIME_FIELDS: { name: "from" | "to"; label: string }[] = [
  { name: "from", label: "From" },
  { name: "to", label: "To" },
];

type TextFilter = "model" | "device" | "code" | "q";
const TEXT_FIELDS: { name: TextFilter; label: string; hint: string }[] = [
  { name: "model", label: "Model", hint: "User" },
  { name: "device", label: "Device", hint: "id or MAC" },
  { name: "code", label: "Webex code", hint: "429 or an error code" },
  { name: "q", label: "Message contains", hint: "text" },
];

export function LogsFilter({ customers, onApply }: LogsFilterProps) {
  const [filters, setFilters] = useState(emptyFilters);
  const set = (name: keyof LogFilters) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFilters((current) => ({ ...current, [name]: value }));
  };
  const choice = (name: "level" | "kind", label: string, options: string[]) => (
    <label>
      <span>{label}</span>
      <select name={name} data-testid={`dash-logs-${name}`} value={filters[name]} onChange={set(name)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {words(o)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      class="dash-filters"
      data-testid="dash-logs-filter"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(filters);
      }}
      onReset={() => {
        const cleared = emptyFilters();
        setFilters(cleared);
        onApply(cleared);
      }}
    >
      {TIME_FIELDS.map((field) => (
        <label key={field.name}>
          <span>{field.label}</span>
          <input
            type="datetime-local"
            name={field.name}
            data-testid={`dash-logs-${field.name}`}
            value={filters[field.name]}
            onInput={set(field.name)}
          />
        </label>
      ))}
      <label>
        <span>Customer</span>
        <select
          name="customerId"
          data-testid="dash-logs-customerId"
          value={filters.customerId}
          onChange={set("customerId")}
        >
          <option value="">All customers</option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {choice("level", "Level", LOG_LEVELS)}
      {choice("kind", "Kind", LOG_KINDS)}
      {TEXT_FIELDS.map((field) => (
        <label key={field.name}>
          <span>{field.label}</span>
          <input
            type="search"
            name={field.name}
            data-testid={`dash-logs-${field.name}`}
            placeholder={field.hint}
            value={filters[field.name]}
            onInput={set(field.name)}
          />
        </label>
      ))}
      <div class="dash-filter-actions">
        <button type="submit" data-testid="dash-logs-apply">
          Apply filters
        </button>
        <button type="reset">Clear</button>
      </div>
    </form>
  );
}
