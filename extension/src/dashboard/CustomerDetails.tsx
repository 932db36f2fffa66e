/**
 * @module dashboard/CustomerDetails
 * Everything about the selected customer: its runs and its two charts.
 */
import type { Customer } from "../worker-api/schemas.ts";
import type { Send } from "./ask.ts";
import { InventoryChart } from "./InventoryChart.tsx";
import { LicenceChart } from "./LicenceChart.tsx";
import { RunsPanel } from "./RunsPanel.tsx";

export type CustomerDetailsProps = { send: Send; customer: Customer; pollMs: number };

export function CustomerDetails({ send, customer, pollMs }: CustomerDetailsProps) {
  return (
    <section class="dash-details" data-testid="dash-customer-details" aria-labelledby="dash-details-title">
      <h2 id="dash-details-title" class="dash-details-title" data-testid="dash-customer-name">
        {customer.name}
        <span class="dash-org">{customer.orgId}</span>
      </h2>
      <RunsPanel send={send} customerId={customer.id} pollMs={pollMs} />
      <div class="dash-charts">
        <LicenceChart send={send} customerId={customer.id} />
        <InventoryChart send={send} customerId={customer.id} />
      </div>
    </section>
  );
}
