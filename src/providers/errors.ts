// Provider failures, classified once so that retry policy and messages never look at raw errors.
import { WeirdgenError } from '../util/errors.js';
import type { RateLimitInfo } from './types.js';

/**
 * retryable kinds: rate-limit, server, timeout, connection, malformed.
 * fatal kinds stop a run at once: quota, auth, bad-request, not-found.
 */
export type ProviderErrorKind = 'rate-limit' | 'server' | 'timeout' | 'connection' | 'malformed' | 'quota' | 'auth' | 'bad-request' | 'not-found';

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set(['rate-limit', 'server', 'timeout', 'connection', 'malformed']);

export class ProviderError extends WeirdgenError {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    /** From Retry-After or the rate-limit reset headers. */
    readonly retryAfterMs?: number,
    /** The rate-limit headers of the failed response, when it had them. */
    readonly rateLimit?: RateLimitInfo,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** One line for a stored failure reason or a summary. */
  get reason(): string {
    return `${this.kind}${this.status !== undefined ? ` (${this.status})` : ''}: ${this.message}`;
  }
}
