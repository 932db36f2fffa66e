/**
 * @module dashboard/LicenceChart
 * Licence usage of one customer: consumed against total for each licence, nearly full ones flagged.
 */
import type { LicenceUsage } from "../worker-api/schemas.ts";
import { ask, type Send } from "./ask.ts";
import { type Bar, BarChart } from "./BarChart.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { Pending } from "./Status.tsx";
import { useAnswer } from "./useAnswer.ts";

/** At or above this share in use, a licence is close to running out. */
const NEARLY_FULL = 0.9;

export function licenceBar(licence: LicenceUsage): Bar {
  const consumed = licence.consumed ?? 0;
  const total = licence.total;
  const share = total ? consumed / total : null;
  return {
    label: licence.name ?? licence.id,
    value: consumed,
    max: total,
    text:
      total === null
        ? `${consumed} used (no total known)`
        : `${consumed} of ${total} used${share === null ? "" : ` (${Math.round(share * 100)}%)`}`,
    tone: share === null ? "ok" : share >= 1 ? "danger" : share >= NEARLY_FULL ? "warn" : "ok",
  };
}

export function LicenceChart({ send, customerId }: { send: Send; customerId: string }) {
  const [answer, reload] = useAnswer(() => ask(send, "report.licences", { customerId }), [send, customerId]);
  return (
    <section class="dash-card" data-testid="dash-licences" aria-labelledby="dash-licences-title">
      <header class="dash-section-head">
        <h2 id="dash-licences-title">Licence usage</h2>
        <CsvButton
          send={send}
          path={`/api/v1/customers/${encodeURIComponent(customerId)}/reports/licence-usage.csv`}
          label="Licences CSV"
          testid="dash-licences-csv"
        />
      </header>
      <Pending answer={answer} what="licence usage" onRetry={reload} />
      {answer.status === "ok" &&
        (answer.data.items.length === 0 ? (
          <p class="dash-empty">No licences synced yet.</p>
        ) : (
          <BarChart
            title="Licences consumed of total"
            bars={answer.data.items.map(licenceBar)}
            testid="dash-licence-chart"
            columns={["Licence", "Consumed of total"]}
          />
        ))}
    </section>
  );
}
