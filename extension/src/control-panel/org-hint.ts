/**
 * @module control-panel/org-hint
 * The org named by the page's address is a hint, not an order: page script can rewrite the address at will
 * (`history.pushState`), so it must not silently change the customer the user's next click acts on. A
 * customer the user has looked at in this tab may follow the address; a new one is asked about first.
 */
import type { TabChoice } from "../messaging/tab-choice.ts";

export type HintDecision =
  /** Show this customer (the one on show already, or one the hint may bring without asking). */
  | { kind: "show"; customerId: string | null }
  /** The page names `hinted`, a customer not looked at in this tab, while `current` is on show: ask. */
  | { kind: "ask"; hinted: string; current: string }
  /** The user chose to stay with `current` although the page names `hinted`. */
  | { kind: "stay"; hinted: string; current: string };

/**
 * @param hinted the customer whose org the page's address names, or null when it names none we know.
 * @param declined the hinted customer the user already chose not to switch to (in this panel), or null.
 */
export function decide(tab: TabChoice, hinted: string | null, declined: string | null): HintDecision {
  if (hinted === null || hinted === tab.customerId) return { kind: "show", customerId: tab.customerId };
  // The first customer of a tab is the page the user opened; one looked at before may come back.
  if (tab.customerId === null || tab.seen.includes(hinted)) return { kind: "show", customerId: hinted };
  return hinted === declined
    ? { kind: "stay", hinted, current: tab.customerId }
    : { kind: "ask", hinted, current: tab.customerId };
}
