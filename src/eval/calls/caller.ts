// Calls a provider under per-(endpoint, model) limits: concurrency that adapts to 429s, RPM/TPM
// budgets, pauses the server asked for, and bounded retries. Retries happen here and nowhere else.
import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError, type ChatRequest, type ChatResponse, type Provider, type RateLimitInfo, DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from '../../providers/index.js';
import { WeirdgenError } from '../../util/errors.js';
import { AdaptiveLimit } from './adaptive-limit.js';
import { LinkedSignals } from './linked-signals.js';
import { TokenBucket } from './token-bucket.js';

/** Sleeps; an abort ends it with the signal's reason. */
async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch (e) {
    throw signal?.aborted ? (signal.reason ?? e) : e;
  }
}

export interface LaneLimits {
  concurrency: number;
  rpm?: number;
  tpm?: number;
}

export interface CallOutcome {
  response: ChatResponse;
  attempts: number;
  /** Milliseconds from sending the attempt that answered to having its whole response (retries and waits for a slot or budget not counted). */
  latencyMs: number;
}

/** A call that will not be answered: final error kind, or retries used up. */
export class CallFailed extends WeirdgenError {
  override readonly name = 'CallFailed';
  constructor(
    readonly error: unknown,
    readonly attempts: number,
  ) {
    super(error instanceof ProviderError ? error.reason : error instanceof Error ? error.message : String(error));
  }

  /** Errors that no retry or later run will fix without the user: stop the whole run. */
  get fatal(): boolean {
    return this.error instanceof ProviderError && ['quota', 'auth', 'bad-request', 'not-found'].includes(this.error.kind);
  }
}

export interface CallerOptions {
  limits: (endpoint: string, model: string) => LaneLimits;
  policy?: RetryPolicy;
  random?: () => number;
  onRetry?: (reason: string, delayMs: number) => void;
}

interface Lane {
  limit: AdaptiveLimit;
  rpm?: TokenBucket;
  tpm?: TokenBucket;
  pausedUntil: number;
}

export class Caller {
  private readonly lanes = new Map<string, Lane>();
  private readonly linked = new WeakMap<AbortSignal, LinkedSignals>();
  private retrying = 0;
  /** After a fatal error no call starts: waiting ones leave with the same error. */
  private stoppedBy: CallFailed | undefined;

  constructor(private readonly options: CallerOptions) {}

  /** Calls waiting to be retried right now. */
  get retriesInFlight(): number {
    return this.retrying;
  }

  async call(provider: Provider, request: ChatRequest, estimatedTokens: number, signal?: AbortSignal): Promise<CallOutcome> {
    const lane = this.lane(provider.endpoint, request.model);
    const policy = this.options.policy ?? DEFAULT_RETRY_POLICY;
    for (let attempt = 1; ; attempt++) {
      await lane.limit.acquire(signal);
      if (this.stoppedBy) {
        lane.limit.release();
        throw this.stoppedBy;
      }
      let delay: number | undefined;
      try {
        await this.waitForBudget(lane, estimatedTokens, signal);
        const sentAt = performance.now();
        const response = await this.chat(provider, request, signal);
        const latencyMs = Math.round(performance.now() - sentAt);
        lane.limit.onSuccess();
        if (response.rateLimit) this.notePause(lane, response.rateLimit);
        return { response, attempts: attempt, latencyMs };
      } catch (e) {
        if (signal?.aborted) throw signal.reason ?? e;
        if (e instanceof ProviderError && e.kind === 'rate-limit') {
          lane.limit.onRateLimited();
          // Retry-After delays this call (see retryDelay); a spent window holds every call.
          if (e.rateLimit) this.notePause(lane, e.rateLimit);
        }
        delay = retryDelay(e, attempt, policy, this.options.random);
        if (delay === undefined) {
          const failed = new CallFailed(e, attempt);
          if (failed.fatal) this.stoppedBy ??= failed;
          throw failed;
        }
        this.options.onRetry?.(e instanceof ProviderError ? e.reason : String(e), delay);
      } finally {
        lane.limit.release();
      }
      this.retrying++;
      try {
        await pause(delay, signal);
      } finally {
        this.retrying--;
      }
    }
  }

  /** Lets calls waiting for a slot see that their signal was aborted. */
  wakeAll(): void {
    for (const lane of this.lanes.values()) lane.limit.wake();
  }

  /** The provider gets a signal linked to the caller's (see linked-signals.ts), never the caller's own. */
  private async chat(provider: Provider, request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    if (!signal) return provider.chat(request);
    let signals = this.linked.get(signal);
    if (!signals) this.linked.set(signal, (signals = new LinkedSignals(signal)));
    const linked = signals.take();
    try {
      return await provider.chat(request, linked.signal);
    } finally {
      linked.done();
    }
  }

  private lane(endpoint: string, model: string): Lane {
    const id = `${endpoint}\u0000${model}`;
    let lane = this.lanes.get(id);
    if (!lane) {
      const limits = this.options.limits(endpoint, model);
      lane = { limit: new AdaptiveLimit(limits.concurrency), pausedUntil: 0, ...(limits.rpm ? { rpm: new TokenBucket(limits.rpm) } : {}), ...(limits.tpm ? { tpm: new TokenBucket(limits.tpm) } : {}) };
      this.lanes.set(id, lane);
    }
    return lane;
  }

  private async waitForBudget(lane: Lane, tokens: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = Math.max(lane.pausedUntil - Date.now(), lane.rpm?.waitFor(1) ?? 0, lane.tpm?.waitFor(tokens) ?? 0);
      if (wait <= 0) break;
      await pause(wait, signal);
    }
    lane.rpm?.take(1);
    lane.tpm?.take(tokens);
  }

  /** The server said the window is spent: hold new calls until it resets. */
  private notePause(lane: Lane, r: RateLimitInfo): void {
    if (r.remainingRequests === 0 && r.resetRequestsMs !== undefined) lane.pausedUntil = Math.max(lane.pausedUntil, Date.now() + r.resetRequestsMs);
    if (r.remainingTokens === 0 && r.resetTokensMs !== undefined) lane.pausedUntil = Math.max(lane.pausedUntil, Date.now() + r.resetTokensMs);
  }
}
