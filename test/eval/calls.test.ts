import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../../src/eval/calls/adaptive-limit.js';
import { Caller, CallFailed } from '../../src/eval/calls/caller.js';
import { retryDelay, DEFAULT_RETRY_POLICY } from '../../src/providers/retry-policy.js';
import { TokenBucket } from '../../src/eval/calls/token-bucket.js';
import { ProviderError } from '../../src/providers/errors.js';
import { parseDuration, rateLimitInfo, retryAfterMs } from '../../src/providers/rate-limit-headers.js';
import type { ChatRequest, ChatResponse, Provider } from '../../src/providers/types.js';
import { SANDBOX_CAPABILITIES } from '../../src/providers/sandbox.js';

describe('retry policy', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 4 };
  it('retries retryable kinds with a growing, capped, jittered delay', () => {
    const e = new ProviderError('server', 'boom', 500);
    expect(retryDelay(e, 1, policy, () => 0)).toBe(50);
    expect(retryDelay(e, 1, policy, () => 1)).toBe(100);
    expect(retryDelay(e, 3, policy, () => 1)).toBe(400);
    expect(retryDelay(e, 4, policy, () => 1)).toBeUndefined();
    expect(retryDelay(new ProviderError('timeout', 't'), 2, { ...policy, maxAttempts: 99 }, () => 1)).toBe(200);
    expect(retryDelay(new ProviderError('server', 'x'), 10, { ...policy, maxAttempts: 99 }, () => 1)).toBe(1000);
  });
  it('never retries sooner than Retry-After, up to a bound', () => {
    expect(retryDelay(new ProviderError('rate-limit', 'slow down', 429, 5000), 1, policy, () => 0)).toBe(5000);
    expect(retryDelay(new ProviderError('rate-limit', 'come back tomorrow', 429, 86_400_000), 1, policy, () => 0)).toBe(policy.maxRetryAfterMs);
  });
  it('does not retry final kinds or unknown errors', () => {
    for (const kind of ['quota', 'auth', 'bad-request', 'not-found'] as const) expect(retryDelay(new ProviderError(kind, 'no'), 1, policy)).toBeUndefined();
    expect(retryDelay(new Error('bug'), 1, policy)).toBeUndefined();
  });
});

describe('rate-limit headers', () => {
  it('parses OpenAI durations', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('soon')).toBeUndefined();
  });
  it('reads Retry-After in ms, seconds or as a date', () => {
    const h = (o: Record<string, string>) => (name: string) => o[name];
    expect(retryAfterMs(h({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(h({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(h({ 'retry-after': new Date(10_000).toUTCString() }), 4000)).toBe(6000);
    expect(retryAfterMs(h({}))).toBeUndefined();
    expect(rateLimitInfo(h({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' }))).toEqual({ remainingRequests: 0, resetRequestsMs: 2000 });
  });
});

describe('token bucket', () => {
  it('refills continuously per minute', () => {
    let now = 0;
    const bucket = new TokenBucket(60, () => now);
    bucket.take(60);
    expect(bucket.waitFor(1)).toBe(1000);
    now = 500;
    expect(bucket.waitFor(1)).toBe(500);
    now = 1000;
    expect(bucket.waitFor(1)).toBe(0);
    // More than the budget waits for a full bucket, not forever.
    expect(bucket.waitFor(1000)).toBe(59_000);
  });
});

describe('adaptive limit', () => {
  it('shrinks on rate limits (once per burst) and regains one per quarter-window of successes', () => {
    let now = 10_000;
    const limit = new AdaptiveLimit(16, () => now);
    limit.onRateLimited();
    limit.onRateLimited();
    expect(limit.limit).toBe(12);
    now += 2000;
    limit.onRateLimited();
    expect(limit.limit).toBe(9);
    for (let i = 0; i < 2; i++) limit.onSuccess();
    expect(limit.limit).toBe(9);
    limit.onSuccess();
    expect(limit.limit).toBe(10);
    for (let i = 0; i < 100; i++) limit.onSuccess();
    expect(limit.limit).toBe(16);
  });
});

/** A provider whose answers are scripted per attempt: the caller is what is tested. */
class ScriptedProvider implements Provider {
  readonly endpoint = 'scripted';
  readonly capabilities = SANDBOX_CAPABILITIES;
  calls = 0;
  active = 0;
  maxActive = 0;
  constructor(private readonly script: (attempt: number) => Error | undefined) {}
  async chat(_request: ChatRequest): Promise<ChatResponse> {
    this.calls++;
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    await new Promise((r) => setTimeout(r, 5));
    this.active--;
    const error = this.script(this.calls);
    if (error) throw error;
    return { choices: [{ text: 'ok', finishReason: 'stop' }], usage: { promptTokens: 1, completionTokens: 1 } };
  }
  async listModels() {
    return [];
  }
}

const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 1, maxTokens: 4 };
const fast = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 5 };

describe('caller', () => {
  it('retries transient errors and reports the attempts', async () => {
    const provider = new ScriptedProvider((n) => (n < 3 ? new ProviderError('server', 'flaky', 503) : undefined));
    const caller = new Caller({ limits: () => ({ concurrency: 4 }), policy: fast });
    const { attempts } = await caller.call(provider, request, 10);
    expect(attempts).toBe(3);
  });
  it('stops at once on final errors and marks them fatal', async () => {
    const provider = new ScriptedProvider(() => new ProviderError('quota', 'You exceeded your current quota', 429));
    const caller = new Caller({ limits: () => ({ concurrency: 4 }), policy: fast });
    const error = await caller.call(provider, request, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallFailed);
    expect((error as CallFailed).fatal).toBe(true);
    expect(provider.calls).toBe(1);
  });
  it('after a fatal error, calls waiting for a slot leave with it without asking', async () => {
    const provider = new ScriptedProvider(() => new ProviderError('auth', 'Incorrect API key provided', 401));
    const caller = new Caller({ limits: () => ({ concurrency: 1 }), policy: fast });
    const results = await Promise.all(Array.from({ length: 5 }, () => caller.call(provider, request, 10).then(() => undefined, (e: unknown) => e as CallFailed)));
    expect(provider.calls).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]!.fatal).toBe(true);
  });

  it('gives up after maxAttempts on persistent transient errors (not fatal)', async () => {
    const provider = new ScriptedProvider(() => new ProviderError('server', 'down', 500));
    const caller = new Caller({ limits: () => ({ concurrency: 4 }), policy: { ...fast, maxAttempts: 3 } });
    const error = (await caller.call(provider, request, 10).catch((e: unknown) => e)) as CallFailed;
    expect(error.fatal).toBe(false);
    expect(error.attempts).toBe(3);
    expect(provider.calls).toBe(3);
  });
  it('keeps to the concurrency limit', async () => {
    const provider = new ScriptedProvider(() => undefined);
    const caller = new Caller({ limits: () => ({ concurrency: 3 }), policy: fast });
    await Promise.all(Array.from({ length: 20 }, () => caller.call(provider, request, 10)));
    expect(provider.maxActive).toBe(3);
  });
  it('spaces calls to the RPM budget', async () => {
    const provider = new ScriptedProvider(() => undefined);
    const caller = new Caller({ limits: () => ({ concurrency: 10, rpm: 600 }), policy: fast });
    const start = Date.now();
    await Promise.all(Array.from({ length: 605 }, () => caller.call(provider, request, 10)));
    // 600 at once from the full bucket, the other 5 at 100 ms each.
    expect(Date.now() - start).toBeGreaterThanOrEqual(400);
  });
  it('an aborted call stops waiting', async () => {
    const provider = new ScriptedProvider(() => new ProviderError('rate-limit', 'slow', 429, 60_000));
    const caller = new Caller({ limits: () => ({ concurrency: 1 }), policy: fast });
    const controller = new AbortController();
    const pending = caller.call(provider, request, 10, controller.signal).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('stop')), 50);
    expect(((await pending) as Error).message).toBe('stop');
  });
});
