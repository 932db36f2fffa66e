/**
 * @module messaging/tab-choice
 * What the background remembers for each browser tab (in `session` storage, for the browser session): the
 * customer on show in its panel and every customer the user has looked at there (see control-panel/org-hint).
 */
/** What the tab remembers: the customer on show and every customer the user has looked at here. */
export type TabChoice = { customerId: string | null; seen: string[] };

/** The tab's memory after `set` (undefined: unchanged): the customer on show joins those looked at. */
export function remember(tab: TabChoice, set: string | null | undefined): TabChoice {
  if (set === undefined) return tab;
  return { customerId: set, seen: set && !tab.seen.includes(set) ? [...tab.seen, set] : tab.seen };
}
