import { render } from "preact";
import { OptionsForm } from "../../src/settings/OptionsForm.tsx";
import { settingsItem } from "../../src/settings/settings.ts";

render(
  <OptionsForm load={() => settingsItem.getValue()} save={(settings) => settingsItem.setValue(settings)} />,
  document.getElementById("app")!,
);
