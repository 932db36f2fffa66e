import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { createDispatcher } from "../src/messaging/dispatch.ts";
import { createHandlers } from "../src/messaging/handlers.ts";
import { idbSettingsStore, moveLegacySettings, restrictLocalStorage } from "../src/settings/settings.ts";

export default defineBackground(() => {
  // Content scripts need no extension storage: where the browser can, shut them out of `local` as they are out
  // of `session` by default. The settings live in the extension origin's IndexedDB, which they cannot open.
  restrictLocalStorage(browser.storage.local);
  const settings = idbSettingsStore();
  moveLegacySettings(settings, browser.storage.local).catch(() => {});

  const dispatch = createDispatcher(
    createHandlers({
      settings,
      hasPermission: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
    }),
    { id: browser.runtime.id, baseUrl: browser.runtime.getURL("/") },
  );
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    const answer = dispatch(message, sender);
    if (!answer) return false;
    answer.then(sendResponse);
    return true; // keeps the channel open for the async answer
  });
});
