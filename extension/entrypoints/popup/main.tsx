import { render } from "preact";
import { browser } from "wxt/browser";
import { send } from "../../src/messaging/send.ts";
import { Popup } from "../../src/popup/Popup.tsx";
import "../../src/panel/panel.css";

render(
  <Popup
    send={send}
    open={(page) =>
      page === "options"
        ? browser.runtime.openOptionsPage()
        : browser.tabs.create({ url: browser.runtime.getURL("/dashboard.html") })
    }
  />,
  document.getElementById("app")!,
);
