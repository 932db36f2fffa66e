/**
 * @module status/view
 * The status page's HTML: a summary, then one row per customer and per partner. Every value goes through
 * `html`, so names and error messages from the database or from Webex are always escaped.
 */
import type { ModelName } from "@wxsync/core/models";
import type { TokenHealth } from "../grants/health.ts";
import { html, page } from "../lib/html.ts";
import type { CustomerStatus, StatusData } from "./status.data.ts";

const COUNTED: [ModelName, string][] = [
  ["User", "Users"],
  ["Device", "Devices"],
  ["Number", "Numbers"],
  ["Location", "Locations"],
  ["Place", "Workspaces"],
];
const FINE_TOKENS = new Set(["ok", "refresh_due"]);
const FINE_RUNS = new Set(["succeeded", "queued", "running"]);

// The page's base style is narrow and plain; the tables here need the width and a few badges.
export const STATUS_STYLE = `
body{max-width:96rem}.summary{display:flex;flex-wrap:wrap;gap:.5rem 2rem;padding:0;list-style:none}
.summary b{font-size:1.2rem}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
small{display:block}td code{word-break:break-all;font-size:.75rem}.warn{color:#8a5a00}
`;

/** "2025-03-01 14:05 UTC": unambiguous, and what an administrator would type into a log search. */
export function utc(iso: string | null): string {
  if (!iso) return "never";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function relative(iso: string, now: Date): string {
  const minutes = Math.round((Date.parse(iso) - now.getTime()) / 60_000);
  const size = Math.abs(minutes);
  const text =
    size < 60 ? `${size} min` : size < 2880 ? `${Math.round(size / 60)} h` : `${Math.round(size / 1440)} d`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

function when(iso: string | null, now: Date) {
  if (!iso) return html`<span class="muted">never</span>`;
  return html`<time datetime="${iso}">${utc(iso)}</time> <span class="muted">(${relative(iso, now)})</span>`;
}

function tokenCell(token: TokenHealth, partnerName: string | null = null) {
  const tone = FINE_TOKENS.has(token.status) ? "ok" : token.status === "not_connected" ? "muted" : "bad";
  const days = token.refreshTokenDaysLeft === null ? "" : `${token.refreshTokenDaysLeft} days left`;
  const via = token.via === "partner" ? `via partner${partnerName ? ` ${partnerName}` : ""}` : "";
  return html`<span class="${tone}">${token.status}</span>${days ? html`<small>${days}</small>` : ""}${
    via ? html`<small class="muted">${via}</small>` : ""
  }`;
}

function lastSyncCell(run: CustomerStatus["lastRun"], now: Date) {
  if (!run) return html`<span class="muted">never</span>`;
  const tone = FINE_RUNS.has(run.status) ? "ok" : run.status === "awaiting_approval" ? "warn" : "bad";
  const active = run.status === "queued" || run.status === "running";
  return html`<span class="${tone}">${run.status}${active ? ` ${run.progress}%` : ""}</span>
    <small>${active ? html`started ${when(run.createdAt, now)}` : html`ended ${when(run.endedAt, now)}`}</small>
    <small class="muted">${run.dataSyncName ?? run.trigger}</small>${
      run.error ? html`<small class="bad">${run.error.slice(0, 160)}</small>` : ""
    }`;
}

function nextSyncCell(at: string | null, now: Date) {
  if (!at) return html`<span class="muted">—</span>`;
  if (Date.parse(at) <= now.getTime())
    return html`<span class="warn">due</span><small class="muted">at the next cron tick (was ${utc(at)})</small>`;
  return when(at, now);
}

function customerRow(c: CustomerStatus, now: Date) {
  return html`<tr>
    <td>${c.name}<small><code>${c.orgId}</code></small></td>
    <td>${tokenCell(c.token, c.partnerName)}</td>
    <td>${lastSyncCell(c.lastRun, now)}</td>
    <td>${nextSyncCell(c.nextSyncAt, now)}</td>
    ${COUNTED.map(([model]) => html`<td class="n">${c.counts[model] ?? 0}</td>`)}
    <td class="n"><b>${c.total}</b></td>
  </tr>`;
}

function partnersSection(data: StatusData) {
  if (data.partners.length === 0) return "";
  return html`<h2>Partners</h2>
<table><thead><tr><th>Partner</th><th>Token</th><th class="n">Customers</th></tr></thead><tbody>
${data.partners.map(
  (p) => html`<tr><td>${p.name}<small><code>${p.orgId}</code></small></td><td>${tokenCell(p.token)}</td>
    <td class="n">${p.customers}</td></tr>`,
)}
</tbody></table>`;
}

export function statusPage(data: StatusData, version: string): string {
  const { summary, now } = data;
  const customers =
    data.customers.length === 0
      ? html`<p class="muted">No customers yet: add one with <code>POST /api/v1/customers</code>.</p>`
      : html`<table><thead><tr><th>Customer</th><th>Token</th><th>Last sync</th><th>Next sync</th>
${COUNTED.map(([, label]) => html`<th class="n">${label}</th>`)}<th class="n">All objects</th></tr></thead>
<tbody>${data.customers.map((c) => customerRow(c, now))}</tbody></table>`;
  return page(
    "Status",
    html`<h1>wxsync status</h1>
<ul class="summary">
  <li>Customers <b>${summary.customers}</b></li>
  <li>Token problems <b class="${summary.tokenProblems > 0 ? "bad" : "ok"}">${summary.tokenProblems}</b></li>
  <li>Not connected <b>${summary.notConnected}</b></li>
  <li>Running syncs <b>${summary.runningSyncs}</b></li>
  <li>Version <b>${version}</b></li>
  <li>Last cron tick <b>${data.lastCronAt ? utc(data.lastCronAt) : "never"}</b></li>
</ul>
<p class="muted">As of ${utc(now.toISOString())}. API: <a href="/api/v1/docs">documentation</a> ·
<a href="/api/v1/openapi.json">OpenAPI document</a></p>
<h2>Customers</h2>
${customers}
${partnersSection(data)}`,
    STATUS_STYLE,
  );
}

/** The small pages answering a missing, wrong or insufficient key. */
export function refusalPage(title: string, message: string): string {
  return page(title, html`<h1>${title}</h1><p>${message}</p>`);
}
