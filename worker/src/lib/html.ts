/**
 * @module html
 * Tiny server-rendered pages (OAuth results, the status page): no external assets, everything escaped, and
 * headers that let the browser run nothing else in them.
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Marks markup built by `html` so it is not escaped again when nested. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof Html ? v.value : escapeHtml(v))).join("")
      : value instanceof Html
        ? value.value
        : escapeHtml(value);
    out += rendered + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

const BASE_STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}.ok{color:#1d8102}.bad{color:#b3261e}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;font-size:.9rem}th{background:#f4f4f4}
code{background:#f4f4f4;padding:0 .25rem;border-radius:3px}.muted{color:#666}
`;

/** A whole page; `style` is appended to its one style block. Serve it with `pageHeaders(style)`. */
export function page(title: string, body: Html, style = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · wxsync</title>
<style>${BASE_STYLE}${style}</style></head><body>${body.value}</body></html>`;
}

// Pages are few and their styles fixed: each hash is computed once per isolate.
const hashes = new Map<string, Promise<string>>();

function styleHash(css: string): Promise<string> {
  let hash = hashes.get(css);
  if (!hash) {
    hash = crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(css))
      .then((digest) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
    hashes.set(css, hash);
  }
  return hash;
}

/**
 * The headers a `page(…, style)` is served with. The page loads, runs and submits nothing, so the policy
 * allows nothing but its own style block, by hash (no 'unsafe-inline'); no one may frame it (clickjacking),
 * change its base URL, or learn its URL (an OAuth callback's carries the code) from a Referer; and nothing is
 * kept in a cache.
 */
export async function pageHeaders(style = ""): Promise<Record<string, string>> {
  return {
    "content-security-policy": `default-src 'none'; style-src ${await styleHash(BASE_STYLE + style)}; frame-ancestors 'none'; form-action 'none'; base-uri 'none'`,
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  };
}
