export { describeHealth } from "./describe.ts";
export { type Health, healthSchema } from "./schema.ts";
