import { createWorker } from "./worker.ts";

export { SyncWorkflow } from "./sync/workflow.ts";
export default createWorker();
