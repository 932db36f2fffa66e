/**
 * The dashboard page (`dashboard.html`, opened from the popup): the full view of customers, runs, charts
 * and logs, talking to the background through the typed messages.
 */
import { render } from "preact";
import { browser } from "wxt/browser";
import { Dashboard } from "../../src/dashboard/Dashboard.tsx";
import { send } from "../../src/messaging/send.ts";
import "../../src/dashboard/dashboard.css";
import "../../src/dashboard/sections.css";

// The popup may open `dashboard.html?customer=<id>`; the address keeps the selection across reloads.
const url = new URL(location.href);

render(
  <Dashboard
    send={send}
    initialCustomerId={url.searchParams.get("customer")}
    onSelectCustomer={(customerId) => {
      url.searchParams.set("customer", customerId);
      history.replaceState(null, "", url);
    }}
    openOptions={() => browser.runtime.openOptionsPage()}
  />,
  document.getElementById("app")!,
);
