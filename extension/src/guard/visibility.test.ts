import { describe, expect, it } from "vitest";
import { type ObserverClass, supportsTrackVisibility, watchVisibility } from "./visibility.ts";

type Entry = { isIntersecting: boolean; isVisible?: boolean };

function fakeObserver() {
  const made: {
    callback: (entries: Entry[]) => void;
    options: unknown;
    observed: Element[];
    stopped: boolean;
  }[] = [];
  const Observer = class {
    record;
    constructor(callback: (entries: Entry[]) => void, options: unknown) {
      this.record = { callback, options, observed: [] as Element[], stopped: false };
      made.push(this.record);
    }
    observe(target: Element) {
      this.record.observed.push(target);
    }
    disconnect() {
      this.record.stopped = true;
    }
  } as unknown as ObserverClass;
  return { Observer, made };
}

describe("watchVisibility", () => {
  it("asks IntersectionObserver v2 to track visibility and says visible only when the browser does", () => {
    const { Observer, made } = fakeObserver();
    const seen: boolean[] = [];
    const target = document.createElement("section");
    const stop = watchVisibility(target, (v) => seen.push(v), Observer);
    expect(made[0]?.options).toMatchObject({ trackVisibility: true, delay: 100 });
    expect(made[0]?.observed).toEqual([target]);
    // Not visible until the browser has said otherwise.
    expect(seen).toEqual([false]);
    made[0]!.callback([{ isIntersecting: true, isVisible: true }]);
    made[0]!.callback([{ isIntersecting: true, isVisible: false }]);
    made[0]!.callback([{ isIntersecting: false, isVisible: true }]);
    expect(seen).toEqual([false, true, false, false]);
    stop();
    expect(made[0]?.stopped).toBe(true);
  });

  it("counts the panel as visible where the browser cannot tell (no v2)", () => {
    const seen: boolean[] = [];
    watchVisibility(document.createElement("section"), (v) => seen.push(v), null);
    expect(seen).toEqual([true]);
    expect(supportsTrackVisibility({} as typeof globalThis)).toBe(false);
    const v2 = {
      IntersectionObserverEntry: class {
        isVisible = false;
      },
    };
    expect(supportsTrackVisibility(v2 as unknown as typeof globalThis)).toBe(false);
    const proto = { IntersectionObserverEntry: { prototype: { isVisible: false } } };
    expect(supportsTrackVisibility(proto as unknown as typeof globalThis)).toBe(true);
  });
});
