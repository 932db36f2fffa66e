import type { Org } from "../tenant/types.ts";

const esc = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** The sign-in / consent page: pick the org to authorize as (partner or a customer), then accept. */
export function consentPage(params: URLSearchParams, orgs: Org[], adminEmail: (org: Org) => string): string {
  const hidden = [...params.entries()]
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("\n      ");
  const choices = orgs
    .map(
      (
        org,
        i,
      ) => `<label><input type="radio" name="sim_org" value="${esc(org.id)}"${i === 0 ? " checked" : ""}>
        ${esc(org.displayName)}${org.isPartner ? " (partner)" : ""} — ${esc(adminEmail(org))}</label>`,
    )
    .join("<br>\n      ");
  const scopes = (params.get("scope") ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => `<li>${esc(s)}</li>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Webex (simulated) — Sign in</title></head>
<body>
  <h1>Sign in to Webex (simulator)</h1>
  <p>The application <code>${esc(params.get("client_id") ?? "")}</code> asks for access to:</p>
  <ul>${scopes}</ul>
  <form method="post" action="/v1/authorize">
      ${hidden}
      <fieldset><legend>Sign in as the administrator of</legend>
      ${choices}
      </fieldset>
      <button type="submit" name="decision" value="accept">Accept</button>
      <button type="submit" name="decision" value="decline">Decline</button>
  </form>
</body>
</html>`;
}
