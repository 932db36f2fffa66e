/**
 * @module @wxsync/webex-sim
 * A stand-in for https://webexapis.com/v1, built from Webex's published API specs alone.
 * It imports nothing from wxsync on purpose: a misunderstanding shared by client and simulator would go unseen.
 */
export { createSimulator, type SimulatorOptions } from "./app.ts";
