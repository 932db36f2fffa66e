import { describeHealth } from "@wxsync/core/health/describe";
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { NOT_VISIBLE, VisibilityProvider } from "../guard/gesture.tsx";
import { watchVisibility } from "../guard/visibility.ts";
import type { Protocol } from "../messaging/protocol.ts";

type HealthAnswer = Protocol["worker.health"]["response"];

export type PanelProps = {
  /** Fetches the worker's health (through the background in the extension, a stub in tests). */
  loadHealth: () => Promise<HealthAnswer>;
  /** How often to refresh, in ms. */
  refreshMs?: number;
  /** What the page is about (the Control Hub or Partner Hub panel), under the health line. */
  children?: ComponentChildren;
  /** Partner Hub's tables need room: the panel may grow wider there. */
  wide?: boolean;
  /** Tells whether the panel is truly visible (IntersectionObserver v2); replaced in tests. */
  watch?: (target: Element, onChange: (visible: boolean) => void) => () => void;
};

/** The overlay shown on Control Hub pages: collapsible, out of the way, and honest about the worker's state. */
export function Panel({
  loadHealth,
  refreshMs = 30_000,
  children,
  wide = false,
  watch = watchVisibility,
}: PanelProps) {
  const [open, setOpen] = useState(true);
  const [health, setHealth] = useState<HealthAnswer | null>(null);
  const [visible, setVisible] = useState(false);
  const section = useRef<HTMLElement>(null);

  useEffect(() => (section.current ? watch(section.current, setVisible) : undefined), [watch]);

  useEffect(() => {
    let alive = true;
    const refresh = () =>
      loadHealth().then(
        (answer) => alive && setHealth(answer),
        (error: unknown) =>
          alive && setHealth({ ok: false, error: { kind: "unreachable", message: String(error) } }),
      );
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [loadHealth, refreshMs]);

  const status = health === null ? "checking" : health.ok && health.data.status === "ok" ? "ok" : "problem";
  return (
    <section
      ref={section}
      class={wide ? "wxsync-panel wxsync-wide" : "wxsync-panel"}
      data-status={status}
      aria-label="wxsync"
    >
      <header>
        <strong>wxsync</strong>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Hide" : "Show"}
        </button>
      </header>
      {open && (
        <div class="wxsync-body">
          <p class="wxsync-health" data-testid="wxsync-health">
            {health === null
              ? "Checking the wxsync worker…"
              : health.ok
                ? describeHealth(health.data)
                : health.error.message}
          </p>
          {!visible && (
            <p class="wxsync-warning" role="status" data-testid="wxsync-not-visible">
              {NOT_VISIBLE}
            </p>
          )}
          <VisibilityProvider visible={visible}>{children}</VisibilityProvider>
        </div>
      )}
    </section>
  );
}
