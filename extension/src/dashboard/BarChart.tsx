/**
 * @module dashboard/BarChart
 * Horizontal bars drawn as inline SVG (no chart library, no remote code): each bar has its label above it
 * and its numbers written out beside the label, and the same numbers are offered as a table for screen
 * readers and for copying.
 */
export type Bar = {
  label: string;
  value: number;
  /** What a full bar stands for; a bar with no known maximum is drawn empty. */
  max: number | null;
  /** The numbers as words, e.g. "15 of 20 (75%)". */
  text: string;
  tone?: "ok" | "warn" | "danger";
  colour?: string;
};

export const BAR_WIDTH = 400;
const ROW = 38;

/** The bar's drawn width: its share of the maximum, never past the end. */
export function barWidth(value: number, max: number | null): number {
  if (!max || max <= 0 || value <= 0) return 0;
  return Math.round(Math.min(1, value / max) * BAR_WIDTH * 10) / 10;
}

export type BarChartProps = {
  title: string;
  bars: Bar[];
  testid: string;
  /** Column headings of the table twin: what the label is, and what the numbers are. */
  columns: [string, string];
};

export function BarChart({ title, bars, testid, columns }: BarChartProps) {
  const height = bars.length * ROW;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.text}`).join("; ")}`;
  return (
    <figure class="dash-chart" data-testid={testid}>
      <svg
        viewBox={`0 0 ${BAR_WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((bar, i) => {
          const y = i * ROW;
          return (
            <g key={bar.label} data-testid={`${testid}-bar`} data-label={bar.label}>
              <text x={0} y={y + 12} class="dash-chart-label">
                {bar.label}
              </text>
              <text
                x={BAR_WIDTH}
                y={y + 12}
                text-anchor="end"
                class="dash-chart-value"
                data-testid={`${testid}-value`}
              >
                {bar.text}
              </text>
              <rect x={0} y={y + 17} width={BAR_WIDTH} height={14} rx={3} class="dash-chart-track" />
              <rect
                x={0}
                y={y + 17}
                width={barWidth(bar.value, bar.max)}
                height={14}
                rx={3}
                class={`dash-chart-fill dash-chart-${bar.tone ?? "ok"}`}
                fill={bar.colour}
                data-testid={`${testid}-fill`}
              />
            </g>
          );
        })}
      </svg>
      <details class="dash-chart-table">
        <summary>{title} as a table</summary>
        <table class="dash-table">
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col">{columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td>{bar.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
