#!/usr/bin/env node
/** `npm run sim -- --port 8788 --seed 1`: serves the simulator on loopback until interrupted. */
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { createSimulator } from "./app.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8788" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "1" },
  },
});

const port = Number(values.port);
const seed = Number(values.seed);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port: expected a port number between 1 and 65535, got "${values.port}"`);
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error(`--seed: expected an integer, got "${values.seed}"`);
  process.exit(2);
}

const app = createSimulator({ seed });
const server = serve({ fetch: app.fetch, port, hostname: values.host }, (info) => {
  console.log(`webex-sim listening on http://${info.address}:${info.port} (seed ${seed})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
