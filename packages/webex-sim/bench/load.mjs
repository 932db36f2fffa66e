// Load generator for bench.ts, in its own process so it does not share the server's event loop. Raw keep-alive
// sockets with minimal response framing keep the client cheap; the server, not the client, should be measured.
// Usage: node load.mjs <token> <durationMs> <concurrency> <url> [url...]; prints {"requests":N,"errors":N,"ms":N}.
import net from "node:net";

const [token, durationMs, concurrency, ...urls] = process.argv.slice(2);
const deadline = Date.now() + Number(durationMs);
let requests = 0;
let errors = 0;
let next = 0;
const HEADER_END = Buffer.from("\r\n\r\n");

function connection(host, port) {
  return new Promise((resolveAll) => {
    const socket = net.connect(port, host);
    let pending = Buffer.alloc(0);
    let need = -1;
    let ok = false;
    const send = () => {
      if (Date.now() >= deadline) {
        socket.end();
        return resolveAll();
      }
      const url = new URL(urls[next++ % urls.length]);
      socket.write(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
      );
    };
    socket.on("connect", send);
    socket.on("error", () => {
      errors++;
      resolveAll();
    });
    // Only headers are buffered; body bytes are just counted off.
    socket.on("data", (chunk) => {
      let buf = chunk;
      while (buf.length > 0) {
        if (need < 0) {
          pending = pending.length ? Buffer.concat([pending, buf]) : buf;
          const end = pending.indexOf(HEADER_END);
          if (end < 0) return;
          const head = pending.subarray(0, end).toString("latin1");
          ok = head.startsWith("HTTP/1.1 200");
          const m = head.match(/content-length:\s*(\d+)/i);
          if (!m) {
            errors++;
            socket.destroy();
            return resolveAll();
          }
          need = Number(m[1]);
          buf = pending.subarray(end + 4);
          pending = Buffer.alloc(0);
        }
        const take = Math.min(need, buf.length);
        need -= take;
        buf = buf.subarray(take);
        if (need > 0) return;
        need = -1;
        if (ok) requests++;
        else errors++;
        send();
      }
    });
  });
}

const first = new URL(urls[0]);
const started = Date.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, () => connection(first.hostname, Number(first.port))),
);
console.log(JSON.stringify({ requests, errors, ms: Date.now() - started }));
