/**
 * @module sync/governor
 * Adaptive concurrency for calls within one customer: additive increase while Webex answers, halving on
 * every 429, and a shared pause for the Retry-After Webex names, so requests already under way do not each
 * run into the same limit. Keeps a sync at the rate Webex allows, no faster.
 */

export type Governor = ReturnType<typeof createGovernor>;

export function createGovernor({
  initial = 4,
  min = 1,
  max = 16,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  now = () => Date.now(),
}: {
  initial?: number;
  min?: number;
  max?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
} = {}) {
  let limit = initial;
  let pausedUntil = 0;
  let active = 0;
  let streak = 0;
  const waiting: (() => void)[] = [];
  const wake = () => {
    // The slot is taken here, before the waiter resumes, so one wake-up can never hand out more slots than are free.
    while (active < limit && waiting.length > 0) {
      active++;
      waiting.shift()!();
    }
  };
  return {
    get limit() {
      return limit;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await task();
      } finally {
        active--;
        wake();
      }
    },
    onThrottled(retryAfterSeconds = 1) {
      limit = Math.max(min, Math.floor(limit / 2));
      streak = 0;
      pausedUntil = Math.max(pausedUntil, now() + retryAfterSeconds * 1000);
    },
    /** Resolves once no Retry-After pause is in force. */
    async pace() {
      const wait = pausedUntil - now();
      if (wait > 0) await sleep(wait);
    },
    onSuccess() {
      if (++streak >= limit) {
        limit = Math.min(max, limit + 1);
        streak = 0;
        wake();
      }
    },
  };
}

/** Runs `task` for every item under the governor, keeping the input order in the result. */
export function mapGoverned<T, R>(
  governor: Governor,
  items: readonly T[],
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  return Promise.all(items.map((item) => governor.run(() => task(item))));
}
