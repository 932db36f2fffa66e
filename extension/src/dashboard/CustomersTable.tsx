/**
 * @module dashboard/CustomersTable
 * Every customer with the health of its Webex authorization, loudest first in the eye: a token that is
 * expiring, expired or revoked is styled as a warning and explained in words, not only in colour.
 */
import type { Customer } from "../worker-api/schemas.ts";
import { daysLeft, tokenAdvice, tokenTone, words } from "./format.ts";

export type CustomersTableProps = {
  customers: Customer[];
  selectedId: string | null;
  onSelect: (customerId: string) => void;
};

export function CustomersTable({ customers, selectedId, onSelect }: CustomersTableProps) {
  if (customers.length === 0)
    return (
      <p class="dash-empty" data-testid="dash-customers-empty">
        No customers yet: add one with the worker's API.
      </p>
    );
  return (
    <table class="dash-table" data-testid="dash-customers">
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Token health</th>
          <th scope="col">Days left</th>
          <th scope="col">
            <span class="dash-sr-only">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {customers.map((customer) => {
          const health = customer.tokenHealth;
          const tone = tokenTone(health);
          const advice = tokenAdvice(health);
          const selected = customer.id === selectedId;
          return (
            <tr
              key={customer.id}
              class={`dash-tone-${tone}${selected ? " dash-selected" : ""}`}
              data-testid="dash-customer-row"
              data-customer-id={customer.id}
              data-token-status={health.status}
              data-tone={tone}
            >
              <th scope="row">{customer.name}</th>
              <td data-testid="dash-token-status">
                <span class={`dash-badge dash-badge-${tone}`}>{words(health.status)}</span>
                {advice && <span class="dash-advice">{advice}</span>}
              </td>
              <td data-testid="dash-token-days">{daysLeft(health)}</td>
              <td>
                <button
                  type="button"
                  data-testid="dash-customer-select"
                  aria-pressed={selected}
                  aria-label={`Select ${customer.name}`}
                  onClick={() => onSelect(customer.id)}
                >
                  {selected ? "Selected" : "Select"}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
