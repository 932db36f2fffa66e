/**
 * A stand-in for https://admin.webex.com: a self-signed HTTPS server on loopback. Chromium is told to
 * resolve admin.webex.com here (--host-resolver-rules), so the extension's real match pattern is exercised.
 */
import { createServer, type Server } from "node:https";
import { generate } from "selfsigned";

const page = (path: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Control Hub (test double)</title></head>
<body><main id="control-hub"><h1>Control Hub</h1><p data-path="${path.replace(/[<>"&]/g, "")}">Test page</p></main></body></html>`;

export async function startFakeControlHub(): Promise<{ port: number; close: () => Promise<void> }> {
  const pems = await generate([{ name: "commonName", value: "admin.webex.com" }], {
    keySize: 2048,
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "admin.webex.com" }] }],
  });
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(req.url ?? "/"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
