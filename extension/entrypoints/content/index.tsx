import { render } from "preact";
import { createShadowRootUi } from "wxt/utils/content-script-ui/shadow-root";
import { defineContentScript } from "wxt/utils/define-content-script";
import { send } from "../../src/messaging/send.ts";
import { Panel } from "../../src/panel/Panel.tsx";
import "../../src/panel/panel.css";

const loadHealth = () => send("worker.health", {});

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
        render(<Panel loadHealth={loadHealth} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
  },
});
