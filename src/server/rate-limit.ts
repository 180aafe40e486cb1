// Simulated per-minute limits on requests and tokens, with OpenAI's x-ratelimit-* headers.
import { formatDuration } from './duration.js';

const MINUTE_MS = 60_000;

export interface RateLimits {
  rpm?: number;
  tpm?: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; headers: Record<string, string>; limit: 'requests' | 'tokens'; retryAfterMs: number; message: string };

/**
 * A bucket that holds up to `perMinute` units and refills continuously at `perMinute` a minute, as
 * OpenAI enforces its limits: a full minute's budget may be spent at once, then it trickles back.
 */
class Bucket {
  private level: number;
  private last: number;

  constructor(
    readonly perMinute: number,
    now: number,
  ) {
    this.level = perMinute;
    this.last = now;
  }

  refill(now: number): void {
    this.level = Math.min(this.perMinute, this.level + ((now - this.last) * this.perMinute) / MINUTE_MS);
    this.last = now;
  }

  /** Milliseconds until `amount` is available; a minute when it never fits. */
  waitMs(amount: number): number {
    if (amount > this.perMinute) return MINUTE_MS;
    return Math.max(0, ((amount - this.level) * MINUTE_MS) / this.perMinute);
  }

  take(amount: number): void {
    this.level -= amount;
  }

  headers(kind: 'requests' | 'tokens'): Record<string, string> {
    return {
      [`x-ratelimit-limit-${kind}`]: String(this.perMinute),
      [`x-ratelimit-remaining-${kind}`]: String(Math.max(0, Math.floor(this.level))),
      [`x-ratelimit-reset-${kind}`]: formatDuration(((this.perMinute - this.level) * MINUTE_MS) / this.perMinute),
    };
  }
}

export class RateLimiter {
  private readonly requests?: Bucket;
  private readonly tokens?: Bucket;

  constructor(
    limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {
    if (limits.rpm !== undefined) this.requests = new Bucket(limits.rpm, now());
    if (limits.tpm !== undefined) this.tokens = new Bucket(limits.tpm, now());
  }

  get active(): boolean {
    return this.requests !== undefined || this.tokens !== undefined;
  }

  /** Admits a request that needs `tokens` (and one request), or says how long to wait. */
  admit(tokens: number): Admission {
    const now = this.now();
    this.requests?.refill(now);
    this.tokens?.refill(now);
    const requestWait = this.requests?.waitMs(1) ?? 0;
    const tokenWait = this.tokens?.waitMs(tokens) ?? 0;
    if (requestWait > 0 || tokenWait > 0) {
      const limit = requestWait >= tokenWait ? 'requests' : 'tokens';
      const retryAfterMs = Math.max(requestWait, tokenWait);
      const bucket = limit === 'requests' ? this.requests! : this.tokens!;
      const requested = limit === 'requests' ? 1 : tokens;
      const message =
        requested > bucket.perMinute
          ? `Request too large: ${requested} tokens requested, the limit is ${bucket.perMinute} tokens per minute. Ask for fewer tokens (max_tokens * n) or a shorter prompt.`
          : `Rate limit reached for ${limit} per minute: limit ${bucket.perMinute}, requested ${requested}. Please try again in ${formatDuration(retryAfterMs)}.`;
      return { ok: false, headers: this.headers(), limit, retryAfterMs, message };
    }
    this.requests?.take(1);
    this.tokens?.take(tokens);
    return { ok: true, headers: this.headers() };
  }

  private headers(): Record<string, string> {
    return { ...this.requests?.headers('requests'), ...this.tokens?.headers('tokens') };
  }
}
