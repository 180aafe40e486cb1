// The one place that decides whether and when a failed call is tried again.
import { DEFAULT_MAX_ATTEMPTS } from '../util/counts.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out in full (a server asking for hours). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: DEFAULT_MAX_ATTEMPTS, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/** Milliseconds to wait before attempt `attempt + 1`, or undefined when the error is final. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (!(error instanceof ProviderError) || !error.retryable || attempt >= policy.maxAttempts) return undefined;
  // Full jitter over an exponential ceiling, never sooner than the server asked.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const backoff = ceiling * (0.5 + random() / 2);
  return Math.max(backoff, Math.min(error.retryAfterMs ?? 0, policy.maxRetryAfterMs));
}

/** Runs `action` until it succeeds or the policy gives up (management calls: uploads, jobs, batches). */
export async function withRetries<T>(action: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (e) {
      const delay = retryDelay(e, attempt, policy);
      if (delay === undefined || signal?.aborted) throw e;
      await sleep(delay, undefined, signal ? { signal } : {});
    }
  }
}
