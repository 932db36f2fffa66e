/**
 * @module @wxsync/webex-sim
 * A stand-in for https://webexapis.com/v1, built from Webex's published API specs alone.
 * It imports nothing from wxsync on purpose: a misunderstanding shared by client and simulator would go unseen.
 */
export { createSimulator, type Simulator, type SimulatorOptions } from "./app.ts";
export type { LoggedRequest } from "./control/requests.ts";
export type { FaultRule } from "./faults/rules.ts";
export { MODELS } from "./models/registry.ts";
export { ALL_SCOPES } from "./oauth/tokens.ts";
export {
  SIM_DEFAULT_CLIENT_ID,
  SIM_DEFAULT_CLIENT_SECRET,
  SIM_DEFAULT_SERVICE_APP_CLIENT_ID,
  SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET,
  SIM_DEFAULT_SERVICE_APP_ID,
} from "./options.ts";
