import { Hono } from "hono";

export type SimulatorOptions = {
  /** Seed for the generated tenant: the same seed always yields the same tenant. */
  seed?: number;
};

/** Builds the simulator as a plain Hono app, so it runs unchanged in Node and in workerd. */
export function createSimulator(options: SimulatorOptions = {}) {
  const seed = options.seed ?? 1;
  const app = new Hono();
  app.get("/_sim/health", (c) => c.json({ status: "ok", seed }));
  return app;
}
