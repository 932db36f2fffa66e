/**
 * @module sync/governor
 * Adaptive concurrency for calls within one customer: additive increase while Webex answers, halving on
 * every 429 (the client itself waits the Retry-After). Keeps a sync at the rate Webex allows, no faster.
 */

export type Governor = ReturnType<typeof createGovernor>;

export function createGovernor({
  initial = 4,
  min = 1,
  max = 16,
}: {
  initial?: number;
  min?: number;
  max?: number;
} = {}) {
  let limit = initial;
  let active = 0;
  let streak = 0;
  const waiting: (() => void)[] = [];
  const wake = () => {
    while (active < limit && waiting.length > 0) waiting.shift()!();
  };
  return {
    get limit() {
      return limit;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        active--;
        wake();
      }
    },
    onThrottled() {
      limit = Math.max(min, Math.floor(limit / 2));
      streak = 0;
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
