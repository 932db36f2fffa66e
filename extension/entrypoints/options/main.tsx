import { render } from "preact";
import { browser } from "wxt/browser";
import { send } from "../../src/messaging/send.ts";
import { OptionsForm } from "../../src/settings/OptionsForm.tsx";
import { settingsItem } from "../../src/settings/settings.ts";
import "./options.css";

render(
  <OptionsForm
    load={() => settingsItem.getValue()}
    save={(settings) => settingsItem.setValue(settings)}
    grant={(origin) => browser.permissions.request({ origins: [`${origin}/*`] })}
    test={(settings) => send("connection.test", settings)}
  />,
  document.getElementById("app")!,
);
