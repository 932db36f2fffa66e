/**
 * @module panel-page/page-url
 * The address of the admin.webex.com page the panel frame sits in, as the browser reports it for the tab
 * (the extension's host permission for admin.webex.com lets it read that tab's URL). Nothing is asked of the
 * page itself: the address is still only a hint, since page script may change it (see org-hint.ts).
 */
import { browser } from "wxt/browser";

type TabsApi = {
  getCurrent(): Promise<{ id?: number; url?: string } | undefined>;
  onUpdated: {
    addListener(cb: (tabId: number, change: { url?: string }) => void): void;
    removeListener(cb: (tabId: number, change: { url?: string }) => void): void;
  };
};

/** Calls `onUrl` with the tab's address now and on every change (navigation or pushState); returns a stop function. */
export function watchTabUrl(onUrl: (url: string) => void, tabs: TabsApi = browser.tabs): () => void {
  let tabId: number | undefined;
  let stopped = false;
  const changed = (id: number, change: { url?: string }) => {
    if (id === tabId && change.url) onUrl(change.url);
  };
  tabs.onUpdated.addListener(changed);
  tabs.getCurrent().then((tab) => {
    if (stopped || !tab) return;
    tabId = tab.id;
    if (tab.url) onUrl(tab.url);
  });
  return () => {
    stopped = true;
    tabs.onUpdated.removeListener(changed);
  };
}
