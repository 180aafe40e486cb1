// Writes of results that land in the same turn of the event loop, committed in one transaction.
// A commit per answer costs more than the answer itself at a few hundred answers a second; a
// group costs one. `add` resolves only once its write is committed, so whoever awaits it counts
// or reports the result after it is durable, never before; a write that throws fails its group.

export class GroupedCommit {
  private writes: (() => void)[] = [];
  private pending: Promise<void> | undefined;

  /** `transaction` runs the writes it is given in one transaction (committed when it returns). */
  constructor(private readonly transaction: (writes: () => void) => void) {}

  add(write: () => void): Promise<void> {
    this.writes.push(write);
    this.pending ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const writes = this.writes;
        this.writes = [];
        this.pending = undefined;
        try {
          this.transaction(() => {
            for (const w of writes) w();
          });
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
    return this.pending;
  }
}
