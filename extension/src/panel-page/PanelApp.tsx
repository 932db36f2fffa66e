/**
 * @module panel-page/PanelApp
 * What the panel frame (panel.html, an extension page inside admin.webex.com) shows: the overlay with the
 * Control Hub or Partner Hub panel that fits the page's address, which it follows as Control Hub navigates.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import { ControlHubPanel } from "../control-panel/ControlHubPanel.tsx";
import type { send as Send } from "../messaging/send.ts";
import { pageContext } from "../page/context.ts";
import { Panel, type PanelProps } from "../panel/Panel.tsx";
import { PartnerPanel } from "../partner-panel/PartnerPanel.tsx";
import { watchTabUrl } from "./page-url.ts";
import { reportSize } from "./size.ts";

export type PanelAppProps = {
  send: typeof Send;
  /** Follows the tab's address; replaced in tests. */
  watchUrl?: typeof watchTabUrl;
  /** Tells the frame's holder the panel's size; replaced in tests. */
  report?: typeof reportSize;
  watch?: PanelProps["watch"];
};

export function PanelApp({ send, watchUrl = watchTabUrl, report = reportSize, watch }: PanelAppProps) {
  const [href, setHref] = useState<string | null>(null);
  const loadHealth = useCallback(() => send("worker.health", {}), [send]);
  useEffect(() => watchUrl(setHref), [watchUrl]);
  const context = href ? pageContext(href) : null;
  const wide = context?.hub === "partner";

  useEffect(
    () => report(document.body, () => wide && document.querySelector(".wxsync-body") !== null),
    [report, wide],
  );

  return (
    <Panel loadHealth={loadHealth} wide={wide} watch={watch}>
      {context?.hub === "partner" && <PartnerPanel send={send} />}
      {context?.hub === "control" && <ControlHubPanel send={send} context={context} />}
    </Panel>
  );
}
