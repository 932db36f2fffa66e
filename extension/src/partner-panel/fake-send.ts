/**
 * @module partner-panel/fake-send
 * A stand-in for the extension's `send` in the panel's tests: answers from a table, every call recorded.
 */
import type { MessageType, Protocol } from "../messaging/protocol.ts";
import type { Send } from "./send.ts";

export type Answers = {
  [K in MessageType]?: (payload: Protocol[K]["request"]) => Promise<Protocol[K]["response"]>;
};

export function fakeSend(answers: Answers) {
  const calls: { type: MessageType; payload: unknown }[] = [];
  const send: Send = async (type, payload) => {
    calls.push({ type, payload });
    const answer = answers[type];
    if (!answer) throw new Error(`No answer for ${type}`);
    return answer(payload);
  };
  const of = (type: MessageType) => calls.filter((c) => c.type === type).map((c) => c.payload);
  return { send, calls, of };
}
