/**
 * @module guard/visibility
 * Whether the panel is truly visible, from IntersectionObserver v2 (`trackVisibility`): the browser says an
 * element is visible only when nothing covers it and no opacity, filter or transform of any ancestor, in this
 * frame or the page around it, alters it. Where the browser lacks v2 (Firefox), visibility cannot be told and
 * the panel counts as visible: the other guards (trusted events, the page cannot reach the frame) still hold.
 */

/** IntersectionObserver v2's extra options (not yet in TypeScript's DOM types). */
type InitV2 = IntersectionObserverInit & { trackVisibility: boolean; delay: number };
type EntryV2 = IntersectionObserverEntry & { isVisible?: boolean };
export type ObserverClass = new (
  callback: (entries: EntryV2[]) => void,
  options: InitV2,
) => Pick<IntersectionObserver, "observe" | "disconnect">;

/** Whether this browser reports `isVisible` (IntersectionObserver v2). */
export function supportsTrackVisibility(scope: typeof globalThis = globalThis): boolean {
  const Entry = (scope as { IntersectionObserverEntry?: { prototype: object } }).IntersectionObserverEntry;
  return Entry !== undefined && "isVisible" in Entry.prototype;
}

/**
 * Calls `onChange` with whether `target` is truly visible, now and on every change; returns a stop function.
 * With v2 the answer is "not visible" until the browser has said otherwise.
 */
export function watchVisibility(
  target: Element,
  onChange: (visible: boolean) => void,
  Observer: ObserverClass | null = supportsTrackVisibility()
    ? (IntersectionObserver as unknown as ObserverClass)
    : null,
): () => void {
  if (!Observer) {
    onChange(true);
    return () => {};
  }
  onChange(false);
  // `delay` is the smallest v2 allows: how often the browser may recompute visibility, in ms.
  const observer = new Observer(
    (entries) => {
      const last = entries.at(-1);
      if (last) onChange(last.isIntersecting && last.isVisible === true);
    },
    { trackVisibility: true, delay: 100, threshold: [0, 1] },
  );
  observer.observe(target);
  return () => observer.disconnect();
}
