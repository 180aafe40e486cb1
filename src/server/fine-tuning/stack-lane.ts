// Training takes turns. A turn takes the oldest waiting training and every other waiting one with
// the same key (same base, mode and hyperparameters), up to a bound, and runs them as one stack.
// Before it takes them, a turn waits (for a bounded time) for trainings still on their way: jobs
// launched together, such as a variant's seeds, then train together even when the first of them
// found the lane free.

/** The most jobs one stack trains: the paper's largest model groups have 8 seeds. */
const MAX_STACK = 8;
/** The longest a free lane waits for trainings on their way before it takes a turn. */
const GATHER_MS = 2_000;

interface Waiting<T> {
  key: string;
  item: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class StackLane<T> {
  private waiting: Waiting<T>[] = [];
  private busy = false;
  private coming = 0;
  private arrivals: (() => void)[] = [];

  /** `runStack` starts a stack's work and gives one promise per item, settled when that item is done. */
  constructor(
    private readonly runStack: (items: readonly T[]) => Promise<void>[],
    private readonly max = MAX_STACK,
    private readonly gatherMs = GATHER_MS,
  ) {}

  /** A training will be submitted (or given up): a free lane waits for it before its turn. Call the result once it is. */
  expect(): () => void {
    this.coming += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.coming -= 1;
      this.arrived();
    };
  }

  /**
   * Waits for the item's turn, trains it (in a stack with the others waiting under its key), and
   * settles with it; an abort while it waits takes it out of the lane and rejects with the reason.
   */
  submit(key: string, item: T, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiting: Waiting<T> = { key, item, resolve, reject };
      this.waiting.push(waiting);
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.waiting.includes(waiting)) return;
          this.waiting = this.waiting.filter((w) => w !== waiting);
          reject(signal.reason);
        },
        { once: true },
      );
      void this.turn();
    });
  }

  private arrived(): void {
    const arrivals = this.arrivals;
    this.arrivals = [];
    for (const wake of arrivals) wake();
  }

  /** Resolves when no training is on its way, or after the gathering time. */
  private async gather(): Promise<void> {
    const until = Date.now() + this.gatherMs;
    while (this.coming > 0 && Date.now() < until) {
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, until - Date.now());
        this.arrivals.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  private async turn(): Promise<void> {
    if (this.busy || this.waiting.length === 0) return;
    this.busy = true;
    try {
      await this.gather();
      if (this.waiting.length === 0) return;
      const key = this.waiting[0]!.key;
      const taken = this.waiting.filter((w) => w.key === key).slice(0, this.max);
      this.waiting = this.waiting.filter((w) => !taken.includes(w));
      try {
        const done = this.runStack(taken.map((w) => w.item));
        done.forEach((p, k) => p.then(taken[k]!.resolve, taken[k]!.reject));
        await Promise.allSettled(done);
      } catch (e) {
        for (const w of taken) w.reject(e);
      }
    } finally {
      this.busy = false;
      void this.turn();
    }
  }
}
