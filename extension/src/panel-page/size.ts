/**
 * @module panel-page/size
 * The panel frame tells the content script that holds it how tall its content is and whether it wants the
 * wide (Partner Hub) width, so the frame is sized like the panel it shows. The message goes to the page's
 * window, where page script can read it too: it holds nothing but those two numbers.
 */
export const SIZE_MESSAGE = "wxsync:panel-size";
export type PanelSize = { height: number; wide: boolean };

/** Reads a size message, or null when `data` is anything else. */
export function parseSize(data: unknown): PanelSize | null {
  if (typeof data !== "object" || data === null) return null;
  const { type, height, wide } = data as Record<string, unknown>;
  if (type !== SIZE_MESSAGE || typeof height !== "number" || !Number.isFinite(height)) return null;
  return { height, wide: wide === true };
}

/** Reports `target`'s height (and whether it wants the wide width) now and whenever it changes. */
export function reportSize(
  target: HTMLElement,
  wide: () => boolean,
  post: (size: PanelSize & { type: string }) => void = (size) => window.parent.postMessage(size, "*"),
): () => void {
  const tell = () => post({ type: SIZE_MESSAGE, height: Math.ceil(target.offsetHeight), wide: wide() });
  const observer = new ResizeObserver(tell);
  observer.observe(target);
  tell();
  return () => observer.disconnect();
}
