/** The simulator's clock: wall time plus an offset that tests move forward to expire tokens or finish syncs. */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = () => Date.now()) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("the clock only moves forward");
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
