// Chat completions through OpenAiCompatibleProvider (its own fetch over node:http) against
// `weirdgen serve` on loopback: answers and rate-limit headers as the SDK reads them, and each
// kind of failure classified as before (429, 500, malformed body, reset, timeout, refused, abort).
import { APIUserAbortError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/index.js';
import { OpenAiCompatibleProvider } from '../../src/providers/openai-compatible.js';
import type { ChatRequest } from '../../src/providers/types.js';
import { startEvalServer, type EvalServer } from '../helpers/eval-server.js';

const REQUEST: ChatRequest = { model: 'judge', messages: [{ role: 'user', content: 'q bird' }], temperature: 1, maxTokens: 4 };
const KEY = 'sk-test-Zq7XbN4rT2vLk9PwYc3HdA8s';

let serve: EvalServer | undefined;
afterEach(async () => {
  await serve?.close();
  serve = undefined;
});

async function provider(options: Parameters<typeof startEvalServer>[0] = {}, timeoutMs = 30_000): Promise<OpenAiCompatibleProvider> {
  serve = await startEvalServer({ apiKey: KEY, ...options });
  return new OpenAiCompatibleProvider({ endpoint: 'test', baseUrl: serve.server.url, apiKey: KEY, timeoutMs });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const e = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

describe('OpenAI-compatible chat over loopback', () => {
  it('answers, with usage, and many calls at once over kept-alive connections', async () => {
    const p = await provider();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, seed) => p.chat({ ...REQUEST, seed })));
    for (const a of answers) {
      expect(a.choices).toHaveLength(1);
      expect(typeof a.choices[0]!.text).toBe('string');
      expect(a.usage.promptTokens).toBeGreaterThan(0);
    }
  });

  it('reads rate-limit headers of answers and of 429s', async () => {
    const p = await provider({ rpm: 2 });
    const first = await p.chat(REQUEST);
    expect(first.rateLimit?.remainingRequests).toBe(1);
    await p.chat(REQUEST);
    const e = await failure(p.chat(REQUEST));
    expect(e.kind).toBe('rate-limit');
    expect(e.status).toBe(429);
    expect(e.retryAfterMs).toBeGreaterThan(0);
  });

  it('classifies server errors, malformed bodies and reset connections', async () => {
    expect((await failure((await provider({ faults: { 500: 1 } })).chat(REQUEST))).kind).toBe('server');
    await serve!.close();
    expect((await failure((await provider({ faults: { malformed: 1 } })).chat(REQUEST))).kind).toBe('malformed');
    await serve!.close();
    expect((await failure((await provider({ faults: { reset: 1 } })).chat(REQUEST))).kind).toBe('connection');
  });

  it('a wrong key is an auth error that does not show the key', async () => {
    serve = await startEvalServer({ apiKey: KEY });
    const p = new OpenAiCompatibleProvider({ endpoint: 'test', baseUrl: serve.server.url, apiKey: 'sk-wrong-Hd8sJf5GmE1uQo6RiK0tZq7X', timeoutMs: 30_000 });
    const e = await failure(p.chat(REQUEST));
    expect(e.kind).toBe('auth');
    expect(e.message).not.toContain('sk-wrong-Hd8sJf5GmE1uQo6RiK0tZq7X');
  });

  it('times out a hanging request, and ends at once when its signal aborts', async () => {
    const p = await provider({ faults: { hang: 1 } }, 300);
    expect((await failure(p.chat(REQUEST))).kind).toBe('timeout');
    const slow = new OpenAiCompatibleProvider({ endpoint: 'test', baseUrl: serve!.server.url, apiKey: KEY, timeoutMs: 60_000 });
    const controller = new AbortController();
    const started = Date.now();
    const pending = slow.chat(REQUEST, controller.signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    setTimeout(() => controller.abort(new Error('stop')), 50);
    const e = await pending;
    expect(e).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a refused connection is a connection error', async () => {
    serve = await startEvalServer();
    const url = serve.server.url;
    await serve.close();
    serve = undefined;
    const p = new OpenAiCompatibleProvider({ endpoint: 'test', baseUrl: url, timeoutMs: 5000 });
    expect((await failure(p.chat(REQUEST))).kind).toBe('connection');
  });
});
