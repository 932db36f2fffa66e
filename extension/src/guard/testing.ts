/**
 * @module guard/testing
 * Clicks for unit tests. happy-dom marks no event as trusted, while a browser marks every real click: a test
 * of what the user may do stamps its click as trusted; a test of what page script may do leaves it as a
 * script's click is in a browser (`isTrusted` false).
 */
import { act } from "preact/test-utils";

/** A click as the browser makes it from the user's mouse. */
export async function trustedClick(element: Element | null) {
  if (!element) throw new Error("nothing to click");
  const event = new MouseEvent("click", { bubbles: true, cancelable: true });
  Object.defineProperty(event, "isTrusted", { value: true });
  await act(async () => {
    element.dispatchEvent(event);
  });
}

/** A `change` as the browser makes it when the user picks an option. */
export async function trustedChange(select: HTMLSelectElement, value: string) {
  const event = new Event("change", { bubbles: true });
  Object.defineProperty(event, "isTrusted", { value: true });
  await act(async () => {
    select.value = value;
    select.dispatchEvent(event);
  });
}
