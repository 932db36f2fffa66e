/**
 * @module docs/page
 * The API reference's page shell: a wide two-column layout with the table of contents beside the content.
 * Inline CSS only, no scripts, fonts or images, so the page works offline and under a strict CSP.
 */
import { escapeHtml, type Html } from "../lib/html.ts";

const STYLE = `
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;display:grid;grid-template-columns:20rem minmax(0,1fr)}
nav.toc{position:sticky;top:0;height:100vh;overflow:auto;padding:1rem;background:#f7f7f8;border-right:1px solid #ddd;font-size:.82rem}
nav.toc ul{list-style:none;margin:0;padding-left:.6rem}nav.toc li{margin:.1rem 0}
nav.toc a{color:#1b1b1b;text-decoration:none;overflow-wrap:anywhere}nav.toc a:hover{text-decoration:underline}
main{padding:1rem 2rem 4rem;max-width:80rem}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ddd;margin-top:2.5rem;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:0 0 .3rem}h4{margin:.8rem 0 .3rem;font-size:.95rem}
.op,.component{border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
.method,.m{display:inline-block;min-width:3.6em;text-align:center;border-radius:3px;color:#fff;font-size:.75em;font-weight:600;padding:0 .3em;background:#555}
.get{background:#1d6fb8}.post{background:#1d8102}.put,.patch{background:#a35f00}.delete{background:#b3261e}
.path{font-family:ui-monospace,monospace}.version{font-size:.8rem;color:#666;font-weight:normal}
.summary{font-weight:600;margin:.2rem 0}.desc{white-space:pre-line}.muted,.note{color:#666}
.note{font-size:.8rem;border:1px solid #ddd;border-radius:3px;padding:0 .3rem;margin-left:.2rem}
.req{color:#b3261e;font-size:.8rem}.bad{color:#b3261e}.auth{margin:.3rem 0}.public{color:#1d8102}
.role{margin:.3rem 0;font-weight:600}.type{color:#6a3fb5;font-family:ui-monospace,monospace;font-size:.88rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #eee;font-size:.88rem}th{background:#f4f4f4}
code{background:#f4f4f4;padding:0 .25rem;border-radius:3px;font-size:.88em}
ul.props,.variants ul{margin:.2rem 0;padding-left:1.2rem;border-left:2px solid #eee}
ul.responses{list-style:none;padding:0}.response{margin:.4rem 0}.media{margin:.2rem 0 .2rem 1rem}
.status{display:inline-block;min-width:2.6rem;font-weight:600}.s2{color:#1d8102}.s3{color:#1d6fb8}.s4,.s5{color:#b3261e}
@media (max-width:60rem){body{display:block}nav.toc{position:static;height:auto;border-right:0}}
`;

export function docsPage(title: string, toc: Html, main: Html): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · wxsync</title>
<style>${STYLE}</style></head><body>${toc.value}<main>${main.value}</main></body></html>`;
}
