/**
 * The panel frame (`panel.html`): the extension page the content script puts in admin.webex.com. Being of the
 * extension's origin, it talks to the background like any extension page, and the page around it cannot
 * read or drive it.
 */
import { render } from "preact";
import { send } from "../../src/messaging/send.ts";
import { PanelApp } from "../../src/panel-page/PanelApp.tsx";
import "../../src/panel/panel.css";
import "../../src/partner-panel/partner-panel.css";
import "../../src/panel-page/frame.css";

render(<PanelApp send={send} />, document.getElementById("app")!);
