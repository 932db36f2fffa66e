/**
 * @module dashboard/InventoryChart
 * The number inventory of one customer by status (Used, Available, …): a bar per status against the total.
 */
import { ask, type Send } from "./ask.ts";
import { type Bar, BarChart } from "./BarChart.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { Pending } from "./Status.tsx";
import { useAnswer } from "./useAnswer.ts";

/** Distinct, colour-blind-friendly fills; the labels carry the meaning, not the colours. */
const COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"];

export function inventoryBars(byStatus: Record<string, number>, total: number): Bar[] {
  return Object.entries(byStatus)
    .sort(([, a], [, b]) => b - a)
    .map(([status, count], i) => ({
      label: status,
      value: count,
      max: total,
      text: `${count} of ${total} (${total ? Math.round((count / total) * 100) : 0}%)`,
      colour: COLOURS[i % COLOURS.length],
    }));
}

export function InventoryChart({ send, customerId }: { send: Send; customerId: string }) {
  const [answer, reload] = useAnswer(() => ask(send, "report.inventory", { customerId }), [send, customerId]);
  return (
    <section class="dash-card" data-testid="dash-inventory" aria-labelledby="dash-inventory-title">
      <header class="dash-section-head">
        <h2 id="dash-inventory-title">Number inventory</h2>
        <CsvButton
          send={send}
          path={`/api/v1/customers/${encodeURIComponent(customerId)}/number-inventory.csv`}
          label="Numbers CSV"
          testid="dash-inventory-csv"
        />
      </header>
      <Pending answer={answer} what="the number inventory" onRetry={reload} />
      {answer.status === "ok" &&
        (answer.data.counts.total === 0 ? (
          <p class="dash-empty">No numbers synced yet.</p>
        ) : (
          <>
            <p data-testid="dash-inventory-total">{answer.data.counts.total} numbers in all</p>
            <BarChart
              title="Numbers by status"
              bars={inventoryBars(answer.data.counts.byStatus, answer.data.counts.total)}
              testid="dash-inventory-chart"
              columns={["Status", "Numbers"]}
            />
          </>
        ))}
    </section>
  );
}
