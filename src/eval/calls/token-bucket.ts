// A per-minute budget (requests or tokens) that refills continuously.

export class TokenBucket {
  private available: number;
  private last: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.available = perMinute;
    this.last = now();
  }

  /** Milliseconds until `amount` can be taken (0 when it can now). Amounts above the budget wait for a full bucket. */
  waitFor(amount: number): number {
    this.refill();
    const need = Math.min(amount, this.perMinute) - this.available;
    return need <= 0 ? 0 : Math.ceil((need * 60_000) / this.perMinute);
  }

  take(amount: number): void {
    this.refill();
    this.available -= Math.min(amount, this.perMinute);
  }

  private refill(): void {
    const t = this.now();
    this.available = Math.min(this.perMinute, this.available + ((t - this.last) * this.perMinute) / 60_000);
    this.last = t;
  }
}
