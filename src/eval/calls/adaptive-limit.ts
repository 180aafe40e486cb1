// Concurrency that shrinks by a quarter on a rate limit (at most every two seconds) and grows back
// by one after a quarter-window of successes in a row.

export class AdaptiveLimit {
  private current: number;
  private active = 0;
  private successes = 0;
  private lastDecrease = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    readonly max: number,
    private readonly now: () => number = Date.now,
  ) {
    this.current = max;
  }

  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    while (this.active >= this.current) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    signal?.throwIfAborted();
    this.active++;
  }

  release(): void {
    this.active--;
    this.wakeFree();
  }

  onSuccess(): void {
    if (this.current >= this.max) return;
    if (++this.successes >= Math.ceil(this.current / 4)) {
      this.successes = 0;
      this.current++;
      this.wakeFree();
    }
  }

  /** A burst of 429s from one window counts once. */
  onRateLimited(): void {
    const t = this.now();
    this.successes = 0;
    if (t - this.lastDecrease < 2000) return;
    this.lastDecrease = t;
    this.current = Math.max(1, Math.floor(this.current * 0.75));
  }

  /** Wakes as many waiters, first come first served, as there are free slots. */
  private wakeFree(): void {
    for (let free = this.current - this.active; free > 0 && this.waiters.length > 0; free--) this.waiters.shift()!();
  }

  /** Lets every waiter re-check, so that aborted ones can leave. */
  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
