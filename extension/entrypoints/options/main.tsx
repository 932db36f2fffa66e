import { render } from "preact";
import { browser } from "wxt/browser";
import { send } from "../../src/messaging/send.ts";
import { OptionsForm } from "../../src/settings/OptionsForm.tsx";
import "./options.css";

render(
  <OptionsForm
    // The background keeps the settings (in the extension's IndexedDB): the page asks it for them.
    load={() => send("settings.get", {})}
    save={async (settings) => {
      const answer: { saved?: boolean } = await send("settings.save", settings);
      if (answer.saved !== true) throw new Error("The extension's background did not save the settings.");
    }}
    grant={(origin) => browser.permissions.request({ origins: [`${origin}/*`] })}
    test={(settings) => send("connection.test", settings)}
  />,
  document.getElementById("app")!,
);
