import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import { createShadowRootUi } from "wxt/utils/content-script-ui/shadow-root";
import { defineContentScript } from "wxt/utils/define-content-script";
import { ControlHubPanel } from "../../src/control-panel/ControlHubPanel.tsx";
import { send } from "../../src/messaging/send.ts";
import { pageContext } from "../../src/page/context.ts";
import { Panel } from "../../src/panel/Panel.tsx";
import { PartnerPanel } from "../../src/partner-panel/PartnerPanel.tsx";
import "../../src/panel/panel.css";
import "../../src/partner-panel/partner-panel.css";

const loadHealth = () => send("worker.health", {});

/** Control Hub is a single-page app: follow its URL as it navigates, and show the panel that fits. */
function App({ ctx }: { ctx: ContentScriptContext }) {
  const [href, setHref] = useState(location.href);
  useEffect(() => {
    ctx.addEventListener(window, "wxt:locationchange", ({ newUrl }) => setHref(newUrl.href));
  }, [ctx]);
  const context = pageContext(href);
  return (
    <Panel loadHealth={loadHealth} wide={context.hub === "partner"}>
      {context.hub === "partner" ? (
        <PartnerPanel send={send} />
      ) : (
        <ControlHubPanel key={`${context.orgHint}`} send={send} context={context} />
      )}
    </Panel>
  );
}

export default defineContentScript({
  matches: ["https://admin.webex.com/*"],
  // Styles go into the shadow root, so Control Hub's CSS and ours never touch.
  cssInjectionMode: "ui",
  async main(ctx) {
    const ui = await createShadowRootUi(ctx, {
      name: "wxsync-panel",
      position: "inline",
      anchor: "body",
      append: "last",
      onMount(container) {
        render(<App ctx={ctx} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
  },
});
