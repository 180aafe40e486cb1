// The signals the caller hands to providers: linked to the run's signal, so an abort reaches every
// call in flight, without piling a listener per call on the run's signal or on any one of them.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Caller } from '../../src/eval/calls/caller.js';
import { LinkedSignals } from '../../src/eval/calls/linked-signals.js';
import type { ChatRequest, ChatResponse, Provider } from '../../src/providers/types.js';
import { SANDBOX_CAPABILITIES } from '../../src/providers/sandbox.js';

const REQUEST: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 1, maxTokens: 4 };
const ANSWER: ChatResponse = { choices: [{ text: 'ok', finishReason: 'stop' }], usage: { promptTokens: 1, completionTokens: 1 } };

/** Listens to each signal it gets and never lets go, as the SDK does; answers when told. */
class ListeningProvider implements Provider {
  readonly endpoint = 'e';
  readonly capabilities = SANDBOX_CAPABILITIES;
  readonly signals = new Set<AbortSignal>();
  readonly waiting: { resolve(): void; signal: AbortSignal }[] = [];
  chat(_request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    this.signals.add(signal!);
    return new Promise((resolve, reject) => {
      signal!.addEventListener('abort', () => reject(signal!.reason), { once: true });
      this.waiting.push({ resolve: () => resolve(ANSWER), signal: signal! });
    });
  }
  async listModels() {
    return [];
  }
  answerAll(): void {
    for (const w of this.waiting.splice(0)) w.resolve();
  }
}

const settle = () => new Promise((r) => setImmediate(r));

describe('signals handed to providers', () => {
  it('1,000 calls leave no listener on the run signal and at most 64 on any handed out', async () => {
    const provider = new ListeningProvider();
    const caller = new Caller({ limits: () => ({ concurrency: 100 }) });
    const run = new AbortController();
    for (let round = 0; round < 10; round++) {
      const calls = Array.from({ length: 100 }, () => caller.call(provider, REQUEST, 1, run.signal));
      await settle();
      provider.answerAll();
      await Promise.all(calls);
    }
    expect(provider.signals.has(run.signal)).toBe(false);
    expect(provider.signals.size).toBeGreaterThanOrEqual(1000 / 64);
    for (const s of provider.signals) expect(getEventListeners(s, 'abort').length).toBeLessThanOrEqual(64);
    // Only the signal still being handed out stays linked.
    expect(getEventListeners(run.signal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('an abort of the run reaches every call in flight, with its reason', async () => {
    const provider = new ListeningProvider();
    const caller = new Caller({ limits: () => ({ concurrency: 200 }) });
    const run = new AbortController();
    const calls = Array.from({ length: 150 }, () => caller.call(provider, REQUEST, 1, run.signal).catch((e: unknown) => e));
    await settle();
    expect(provider.waiting).toHaveLength(150);
    run.abort(new Error('stop'));
    for (const outcome of await Promise.all(calls)) expect((outcome as Error).message).toBe('stop');
  });

  it('signals taken after the parent aborted are aborted already', () => {
    const parent = new AbortController();
    const signals = new LinkedSignals(parent.signal, 2);
    const early = signals.take();
    parent.abort(new Error('late'));
    expect(early.signal.aborted).toBe(true);
    const late = signals.take();
    expect(late.signal.aborted).toBe(true);
    expect((late.signal.reason as Error).message).toBe('late');
  });
});
