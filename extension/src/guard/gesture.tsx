/**
 * @module guard/gesture
 * Who may press wxsync's buttons: only the person at the keyboard. An action that writes at Webex or starts
 * work runs only for a trusted event (one the browser made from a real click or key press: script can
 * dispatch events, never trusted ones) and only while the panel is truly visible to that person (not covered,
 * faded or moved off screen by the page around it: the clickjacking guard). Exports need a trusted event too.
 */
import { type ComponentChildren, createContext } from "preact";
import { useContext } from "preact/hooks";

/** Why writing actions are off while the panel cannot be seen whole, shown beside them. */
export const NOT_VISIBLE =
  "Actions are off while this panel is covered, faded or off screen: close what covers it or scroll it into view.";

/** Whether the panel is truly visible. Outside a provider (the dashboard: an extension tab no page can frame) it is. */
const VisibleContext = createContext(true);

export function VisibilityProvider({ visible, children }: { visible: boolean; children: ComponentChildren }) {
  return <VisibleContext.Provider value={visible}>{children}</VisibleContext.Provider>;
}

/** True only for events the browser made from the user's own input. */
export function isTrustedGesture(event: Event): boolean {
  return event.isTrusted === true;
}

/**
 * The gate for a component's buttons: `write(run)` for actions that change something at Webex or in wxsync,
 * `read(run)` for exports and choices; `blocked` says why writing actions are off (or null).
 */
export function useGate() {
  const visible = useContext(VisibleContext);
  return {
    visible,
    blocked: visible ? null : NOT_VISIBLE,
    write:
      <E extends Event>(run: (event: E) => void) =>
      (event: E) => {
        if (isTrustedGesture(event) && visible) run(event);
      },
    read:
      <E extends Event>(run: (event: E) => void) =>
      (event: E) => {
        if (isTrustedGesture(event)) run(event);
      },
  };
}
