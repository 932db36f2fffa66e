/**
 * @module partner-panel/PartnerPanel
 * What a partner administrator sees on Partner Hub, inside the wxsync overlay: every customer's token health
 * and last run, and the partner's BroadWorks enterprises with the directory sync actions. Everything goes
 * through `send`, so the extension passes its messaging and tests pass a fake.
 */
import { useState } from "preact/hooks";
import { CustomerList } from "./CustomerList.tsx";
import { Enterprises } from "./Enterprises.tsx";
import { VIEWER_REASON } from "./format.ts";
import { HierarchyExport } from "./HierarchyExport.tsx";
import { ask, type Send } from "./send.ts";
import { useResult } from "./useResult.ts";

export type PartnerPanelProps = {
  /** The extension's `send` (through the background), or a fake in tests. */
  send: Send;
  /** How often a running "Sync all selected" job is polled, in ms. */
  pollMs?: number;
};

export function PartnerPanel({ send, pollMs = 3000 }: PartnerPanelProps) {
  const [whoami] = useResult(() => ask(send, "whoami", {}), "whoami");
  // Until the role is known the operator actions wait; if it cannot be read the worker still enforces it.
  const blocked =
    whoami.state === "loading"
      ? "Checking your API key's role…"
      : whoami.state === "ready" && whoami.data.role === "viewer"
        ? VIEWER_REASON
        : null;

  return (
    <div class="wxsync-partner" data-testid="wxsync-partner">
      <CustomerList send={send} />
      <Partners send={send} pollMs={pollMs} blocked={blocked} />
    </div>
  );
}

function Partners({ send, pollMs, blocked }: { send: Send; pollMs: number; blocked: string | null }) {
  const [partners] = useResult(() => ask(send, "partners.list", {}), "partners");
  const [chosen, setChosen] = useState<string | null>(null);

  const body = () => {
    if (partners.state === "loading")
      return (
        <p class="wxsync-partner-status" data-testid="wxsync-partner-partners-loading">
          Loading partners…
        </p>
      );
    if (partners.state === "error")
      return (
        <p class="wxsync-partner-error" role="alert" data-testid="wxsync-partner-partners-error">
          {partners.message}
        </p>
      );
    const list = partners.data.items;
    const first = list[0];
    if (!first)
      return (
        <p class="wxsync-partner-status" data-testid="wxsync-partner-no-partner">
          No partner in wxsync
        </p>
      );
    const partner = list.find((p) => p.id === chosen) ?? first;
    return (
      <>
        {list.length > 1 ? (
          <label class="wxsync-partner-filter">
            Partner{" "}
            <select
              value={partner.id}
              onChange={(e) => setChosen(e.currentTarget.value)}
              data-testid="wxsync-partner-select-partner"
            >
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p data-testid="wxsync-partner-name">{partner.name}</p>
        )}
        <HierarchyExport send={send} partnerId={partner.id} />
        <Enterprises send={send} partnerId={partner.id} pollMs={pollMs} blocked={blocked} />
      </>
    );
  };

  return (
    <section class="wxsync-partner-section" aria-labelledby="wxsync-partner-bw-title">
      <h2 id="wxsync-partner-bw-title">BroadWorks enterprises</h2>
      {body()}
    </section>
  );
}
