// One replica's health in a pool: consecutive failures drain it; after a back-off it is due for a
// probe, which brings it back or drains it again for twice as long.
import { ProviderError } from './errors.js';

export interface HealthPolicy {
  /** Consecutive failures that drain a replica. */
  failuresToDrain: number;
  /** The first back-off before a probe; it doubles with each failed probe, up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = { failuresToDrain: 3, baseBackoffMs: 500, maxBackoffMs: 30_000 };

/**
 * Failures that say the replica itself is unwell: connection errors, 5xx, timeouts, malformed
 * answers. A 429 is the caller's business (it slows down), and a final kind is the request's fault.
 */
export function isReplicaFailure(error: unknown): boolean {
  return error instanceof ProviderError && error.retryable && error.kind !== 'rate-limit';
}

export type HealthState = 'healthy' | 'drained' | 'probing';

export class ReplicaHealth {
  private failures = 0;
  private backoffMs: number;
  private drainedUntil = 0;
  private probing = false;

  constructor(
    private readonly policy: HealthPolicy = DEFAULT_HEALTH_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.backoffMs = policy.baseBackoffMs;
  }

  get state(): HealthState {
    if (this.probing) return 'probing';
    return this.failures >= this.policy.failuresToDrain ? 'drained' : 'healthy';
  }

  /** Milliseconds until a drained replica is due for its probe (0 when due or not drained). */
  get msUntilProbe(): number {
    return this.state === 'drained' ? Math.max(0, this.drainedUntil - this.now()) : 0;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.backoffMs = this.policy.baseBackoffMs;
  }

  recordFailure(): void {
    // Calls that were in flight when it was drained end too; they neither extend nor shorten the back-off.
    if (this.state !== 'healthy') return;
    this.failures++;
    if (this.failures >= this.policy.failuresToDrain) this.drainedUntil = this.now() + this.backoffMs;
  }

  /** True when it is drained and its back-off has passed: the caller probes it now (and only one caller). */
  claimProbe(): boolean {
    if (this.state !== 'drained' || this.now() < this.drainedUntil) return false;
    this.probing = true;
    return true;
  }

  probeSucceeded(): void {
    this.probing = false;
    this.recordSuccess();
  }

  probeFailed(): void {
    this.probing = false;
    this.backoffMs = Math.min(this.policy.maxBackoffMs, this.backoffMs * 2);
    this.drainedUntil = this.now() + this.backoffMs;
  }
}
