import { createWorker } from "./worker.ts";

export { BroadworksJobWorkflow } from "./broadworks/workflow.ts";
export { SipRotationWorkflow } from "./devices/workflow.ts";
export { RateLimiter } from "./rate-limit/limiter.ts";
export { SyncWorkflow } from "./sync/workflow.ts";
export default createWorker();
