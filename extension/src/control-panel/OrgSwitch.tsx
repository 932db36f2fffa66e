/**
 * @module control-panel/OrgSwitch
 * The question asked when the page's address names a customer the user has not looked at in this tab. Only a
 * trusted click inside the panel answers it: nothing the page does can.
 */
import { useGate } from "../guard/gesture.tsx";

type Props = { hinted: string; current: string; onSwitch: () => void; onStay: () => void };

export function OrgSwitch({ hinted, current, onSwitch, onStay }: Props) {
  const gate = useGate();
  return (
    <div class="wxsync-org-switch" role="alertdialog" data-testid="wxsync-org-switch">
      <p data-testid="wxsync-org-question">
        This page now shows {hinted}; you were looking at {current}. Switch?
      </p>
      <div class="wxsync-actions">
        <button
          type="button"
          data-testid="wxsync-org-switch-yes"
          disabled={Boolean(gate.blocked)}
          onClick={gate.write(onSwitch)}
        >
          Switch to {hinted}
        </button>
        <button type="button" data-testid="wxsync-org-switch-no" onClick={gate.read(onStay)}>
          Stay with {current}
        </button>
      </div>
    </div>
  );
}
