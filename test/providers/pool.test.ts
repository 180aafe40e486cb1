// Routing in a pooled endpoint, with fake replicas whose answers the test releases: the least loaded
// healthy replica gets each request; repeated failures drain a replica, and a probe after the
// back-off brings it back.
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/index.js';
import { OPENAI_CAPABILITIES } from '../../src/providers/openai-compatible.js';
import { PooledProvider } from '../../src/providers/pool.js';
import type { RemoteApi } from '../../src/providers/remote-api.js';
import type { ChatRequest, ChatResponse, ModelInfo, Provider } from '../../src/providers/types.js';

const REQUEST: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 1, maxTokens: 4 };
const ANSWER: ChatResponse = { choices: [{ text: 'ok', finishReason: 'stop' }], usage: { promptTokens: 1, completionTokens: 1 } };

/** A replica whose calls wait until the test settles them. */
class FakeReplica implements Provider {
  readonly endpoint = 'pool';
  readonly capabilities = OPENAI_CAPABILITIES;
  readonly pending: { resolve(r: ChatResponse): void; reject(e: unknown): void }[] = [];
  calls = 0;
  probes = 0;
  listing: () => Promise<ModelInfo[]> = () => Promise.resolve([{ id: 'm', ownedBy: 'test' }]);
  closed = false;
  constructor(readonly remote?: RemoteApi) {}

  chat(): Promise<ChatResponse> {
    this.calls++;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }
  listModels(): Promise<ModelInfo[]> {
    this.probes++;
    return this.listing();
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  answer(): void {
    this.pending.shift()!.resolve(ANSWER);
  }
  fail(error: unknown = new ProviderError('connection', 'connection refused')): void {
    this.pending.shift()!.reject(error);
  }
}

function pool(n: number, concurrency?: number[], now?: () => number) {
  const replicas = Array.from({ length: n }, () => new FakeReplica());
  const provider = new PooledProvider('pool', OPENAI_CAPABILITIES, replicas.map((p, i) => ({ provider: p, ...(concurrency?.[i] ? { concurrency: concurrency[i] } : {}) })), { health: { failuresToDrain: 3, baseBackoffMs: 1000, maxBackoffMs: 8000 }, ...(now ? { now } : {}) });
  return { provider, replicas };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('pooled provider routing', () => {
  it('sends each request to the replica with the fewest outstanding, taking turns on ties', async () => {
    const { provider, replicas } = pool(3);
    const calls = [provider.chat(REQUEST), provider.chat(REQUEST), provider.chat(REQUEST)];
    await settle();
    expect(replicas.map((r) => r.calls)).toEqual([1, 1, 1]);
    calls.push(provider.chat(REQUEST), provider.chat(REQUEST));
    await settle();
    expect(replicas.map((r) => r.calls)).toEqual([2, 2, 1]);
    replicas[0]!.answer();
    replicas[0]!.answer();
    await calls[0];
    await settle();
    // Replica 0 is now idle: the next two go to it and to replica 2, which has one outstanding against replica 1's two.
    calls.push(provider.chat(REQUEST));
    await settle();
    expect(replicas.map((r) => r.calls)).toEqual([3, 2, 1]);
    calls.push(provider.chat(REQUEST));
    await settle();
    expect(replicas.map((r) => r.calls)).toEqual([3, 2, 2]);
    expect(provider.load.map((l) => l.outstanding)).toEqual([1, 2, 2]);
    for (const r of replicas) while (r.pending.length) r.answer();
    await expect(Promise.all(calls)).resolves.toHaveLength(7);
  });

  it('keeps each replica within its own concurrency; a request waits for a free slot, or leaves when aborted', async () => {
    const { provider, replicas } = pool(2, [1, 2]);
    const calls = [provider.chat(REQUEST), provider.chat(REQUEST), provider.chat(REQUEST)];
    await settle();
    expect(replicas.map((r) => r.calls)).toEqual([1, 2]);
    const waiting = provider.chat(REQUEST);
    const abort = new AbortController();
    const aborted = provider.chat(REQUEST, abort.signal);
    await settle();
    expect(replicas.map((r) => r.calls)).toEqual([1, 2]);
    abort.abort(new Error('stopped'));
    await expect(aborted).rejects.toThrow('stopped');
    replicas[1]!.answer();
    await calls[1];
    await settle();
    expect(replicas.map((r) => r.calls)).toEqual([1, 3]);
    replicas[0]!.answer();
    replicas[1]!.answer();
    replicas[1]!.answer();
    await expect(Promise.all([...calls, waiting])).resolves.toHaveLength(4);
  });

  it('drains a replica after repeated failures, probes it after the back-off (longer after a failed probe) and uses it again', async () => {
    let now = 0;
    const { provider, replicas } = pool(2, undefined, () => now);
    const [a, b] = replicas as [FakeReplica, FakeReplica];
    // Replica a fails every request it gets (the caller would retry each one wherever the pool sends it).
    while (a.calls < 3) {
      const call = provider.chat(REQUEST);
      await settle();
      if (a.pending.length) a.fail();
      else b.answer();
      await call.catch(() => undefined);
    }
    expect(provider.load.map((l) => l.state)).toEqual(['drained', 'healthy']);
    const drainedAt = a.calls;
    const during = Array.from({ length: 4 }, () => provider.chat(REQUEST));
    await settle();
    expect(a.calls).toBe(drainedAt);
    expect(b.calls).toBeGreaterThanOrEqual(4);
    expect(a.probes).toBe(0);

    // The back-off passes: the next request starts one probe, which fails; the back-off doubles.
    now += 1000;
    a.listing = () => Promise.reject(new ProviderError('connection', 'still down'));
    during.push(provider.chat(REQUEST), provider.chat(REQUEST));
    await settle();
    expect(a.probes).toBe(1);
    expect(a.calls).toBe(drainedAt);
    expect(provider.load[0]!.state).toBe('drained');
    now += 1000;
    during.push(provider.chat(REQUEST));
    await settle();
    expect(a.probes).toBe(1);
    now += 1000;
    a.listing = () => Promise.resolve([{ id: 'm', ownedBy: 'test' }]);
    during.push(provider.chat(REQUEST));
    await settle();
    expect(a.probes).toBe(2);
    expect(provider.load[0]!.state).toBe('healthy');
    during.push(provider.chat(REQUEST));
    await settle();
    expect(a.calls).toBe(drainedAt + 1);
    for (const r of replicas) while (r.pending.length) r.answer();
    await expect(Promise.all(during)).resolves.toHaveLength(during.length);
  });

  it('counts only the replica failures: rate limits and bad requests never drain it', async () => {
    const { provider, replicas } = pool(1);
    for (const error of [new ProviderError('rate-limit', 'slow down', 429), new ProviderError('bad-request', 'no', 400), new ProviderError('rate-limit', 'slow down', 429), new ProviderError('rate-limit', 'slow down', 429)]) {
      const call = provider.chat(REQUEST);
      await settle();
      replicas[0]!.fail(error);
      await expect(call).rejects.toBe(error);
    }
    expect(provider.load[0]!.state).toBe('healthy');
  });

  it('with every replica drained, a request fails at once as a retryable connection error that says when the next probe is', async () => {
    const { provider, replicas } = pool(1);
    for (let i = 0; i < 3; i++) {
      const call = provider.chat(REQUEST);
      await settle();
      replicas[0]!.fail(new ProviderError('server', 'bad gateway', 502));
      await call.catch(() => undefined);
    }
    const error = await provider.chat(REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('connection');
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as ProviderError).retryAfterMs).toBeGreaterThan(0);
    expect((error as Error).message).toMatch(/endpoint "pool": every replica is drained after repeated failures \(next probe in 1 s\)/);
    expect(replicas[0]!.calls).toBe(3);
  });

  it('puts files, fine-tuning jobs and batches on the first replica, and closes every replica', async () => {
    const remote = {} as RemoteApi;
    const first = new FakeReplica(remote);
    const second = new FakeReplica({} as RemoteApi);
    const provider = new PooledProvider('pool', OPENAI_CAPABILITIES, [{ provider: first }, { provider: second }]);
    expect(provider.remote).toBe(remote);
    await provider.close();
    expect([first.closed, second.closed]).toEqual([true, true]);
  });
});
