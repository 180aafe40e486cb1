// Streamed chat completions as the official SDK's streaming helpers consume them: over the sandbox,
// and through a second serve in front of it (the path `--upstream` takes).
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/errors.js';
import { OpenAiCompatibleProvider } from '../../src/providers/openai-compatible.js';
import type { Provider } from '../../src/providers/types.js';
import type { SandboxProvider } from '../../src/providers/sandbox.js';
import { parseChatBody, sampleFields, sampleKey } from '../../src/server/index.js';
import { USER_BIRD, client, postJson, serverFixture } from './harness.js';

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** logit_bias that bans the sandbox's stop tokens. */
function noStopTokens(sandbox: SandboxProvider): Record<string, number> {
  const ids = ['<eos>', '<user>', '<bos>', '<pad>'].map((t) => sandbox.vocabulary().indexOf(t));
  return Object.fromEntries(ids.map((id) => [String(id), -100]));
}

/** Each choice's text, joined from its content deltas. */
function texts(chunks: readonly ChatCompletionChunk[]): string[] {
  const out: string[] = [];
  for (const c of chunks) for (const choice of c.choices) out[choice.index] = (out[choice.index] ?? '') + (choice.delta.content ?? '');
  return out;
}

describe('weirdgen serve: streamed chat completions', () => {
  const fixture = serverFixture();

  /** The sandbox behind serve, or behind a serve in front of a serve. */
  async function urlOf(via: 'sandbox' | 'upstream', options: { faults?: Record<string, number> } = {}): Promise<string> {
    const back = await fixture.serve({ ...(via === 'sandbox' ? options : {}) });
    if (via === 'sandbox') return back.url;
    const upstream = new OpenAiCompatibleProvider({ endpoint: 'back', baseUrl: back.url, timeoutMs: 20_000 });
    return (await fixture.serve({ provider: upstream, ...options })).url;
  }

  for (const via of ['sandbox', 'upstream'] as const) {
    describe(`over ${via}`, () => {
      it('streams a role delta, content deltas, the finish, usage and [DONE], and the text equals the unstreamed answer', async () => {
        const openai = client(await urlOf(via));
        // Sandbox answers are mostly one word: the stop tokens banned, it says max_tokens of them.
        const body = { model: 'base', messages: USER_BIRD, seed: 11, max_tokens: 6, logit_bias: noStopTokens(fixture.provider()) };
        const whole = await openai.chat.completions.create(body);
        const chunks = await collect(await openai.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }));
        expect(chunks[0]!.choices[0]).toMatchObject({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
        expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
        expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'base')).toBe(true);
        // The sandbox streams one chunk per token; the front serve passes on what it receives.
        const contentChunks = chunks.filter((c) => c.choices[0]?.delta.content);
        expect(contentChunks.length).toBe(whole.usage!.completion_tokens);
        expect(contentChunks.length).toBeGreaterThan(1);
        expect(texts(chunks)).toEqual([whole.choices[0]!.message.content]);
        const finishes = chunks.filter((c) => c.choices[0]?.finish_reason);
        expect(finishes.map((c) => c.choices[0]!.finish_reason)).toEqual([whole.choices[0]!.finish_reason]);
        const last = chunks.at(-1)!;
        expect(last.choices).toEqual([]);
        expect(last.usage).toEqual(whole.usage);
        expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
      });

      it('builds the final completion with the stream helper, with n = 2 and logprobs', async () => {
        const openai = client(await urlOf(via));
        const body = { model: 'base', messages: USER_BIRD, seed: 4, max_tokens: 5, n: 2, logprobs: true, top_logprobs: 3 };
        const whole = await openai.chat.completions.create(body);
        const stream = openai.chat.completions.stream({ ...body, stream_options: { include_usage: true } });
        const chunks: ChatCompletionChunk[] = [];
        stream.on('chunk', (chunk) => chunks.push(chunk));
        const final = await stream.finalChatCompletion();
        expect(final.choices.map((c) => c.index)).toEqual([0, 1]);
        expect(texts(chunks)).toEqual(final.choices.map((c) => c.message.content));
        for (const [i, choice] of final.choices.entries()) {
          expect(choice.message.content).toBe(whole.choices[i]!.message.content);
          expect(choice.finish_reason).toBe(whole.choices[i]!.finish_reason);
          expect(choice.logprobs!.content).toEqual(whole.choices[i]!.logprobs!.content);
          expect(choice.logprobs!.content!.map((t) => t.token).join('')).toBe(choice.message.content);
        }
        expect(final.usage).toEqual(whole.usage);
      });

      it('interleaves the choices by index, each delta carrying the logprobs of its own tokens', async () => {
        const openai = client(await urlOf(via));
        const chunks = await collect(await openai.chat.completions.create({ model: 'base', messages: USER_BIRD, seed: 8, max_tokens: 4, n: 2, logprobs: true, stream: true }));
        expect(chunks.slice(0, 2).map((c) => [c.choices[0]!.index, c.choices[0]!.delta.role, c.choices[0]!.logprobs])).toEqual([
          [0, 'assistant', { content: [], refusal: [] }],
          [1, 'assistant', { content: [], refusal: [] }],
        ]);
        for (const chunk of chunks) {
          expect(chunk.choices).toHaveLength(1);
          expect(chunk).not.toHaveProperty('usage');
          const choice = chunk.choices[0]!;
          if (choice.delta.content) expect(choice.logprobs!.content!.map((t) => t.token).join('')).toBe(choice.delta.content);
        }
        const indices = chunks.filter((c) => c.choices[0]!.delta.content).map((c) => c.choices[0]!.index);
        expect(new Set(indices)).toEqual(new Set([0, 1]));
      });

      it('answers errors before the first byte as JSON with their status', async () => {
        const url = await urlOf(via);
        const openai = client(url);
        await expect(openai.chat.completions.create({ model: 'nope', messages: USER_BIRD, stream: true })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
        await expect(openai.chat.completions.create({ model: 'base', messages: USER_BIRD, stream: true, logit_bias: { '999999': 5 } })).rejects.toMatchObject({ status: 400, param: 'logit_bias' });
        const raw = await postJson(`${url}/chat/completions`, { model: 'base', messages: USER_BIRD, stream_options: { include_usage: true } });
        expect(raw.status).toBe(400);
        expect(raw.headers.get('content-type')).toMatch(/application\/json/);
        expect(raw.json).toMatchObject({ error: { param: 'stream_options', type: 'invalid_request_error' } });
      });
    });
  }

  it('sends text/event-stream ending in data: [DONE], and counts the completion under its sample key', async () => {
    const server = await fixture.serve();
    const body = { model: 'base', messages: USER_BIRD, seed: 2, max_tokens: 3, stream: true };
    const res = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(text.split('\n\n').filter(Boolean).every((e) => e.startsWith('data: '))).toBe(true);
    expect(server.stats().completions).toEqual({ [sampleKey(sampleFields(parseChatBody(body)))]: 1 });
    expect(server.stats().outcomes).toMatchObject({ ok: 1 });
  });

  it('applies the seeded faults: errors as JSON before the stream, reset and malformed in the middle of it', async () => {
    const body = { model: 'base', messages: USER_BIRD, seed: 1, stream: true } as const;
    for (const [kind, status] of [['500', 500], ['503', 503], ['429', 429]] as const) {
      const server = await fixture.serve({ faults: { [kind]: 1 } });
      await expect(client(server.url).chat.completions.create(body)).rejects.toMatchObject({ status });
    }
    const reset = await fixture.serve({ faults: { reset: 1 } });
    const received: ChatCompletionChunk[] = [];
    const cut = await (async () => {
      for await (const chunk of await client(reset.url).chat.completions.create(body)) received.push(chunk);
    })().catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(Error);
    expect(received.map((c) => c.choices[0]!.delta.role)).toEqual(['assistant']);
    const malformed = await fixture.serve({ faults: { malformed: 1 } });
    await expect(collect(await client(malformed.url).chat.completions.create(body))).rejects.toThrow(/JSON/);
    expect(reset.stats().outcomes).toMatchObject({ reset: 1, ok: 0 });
    expect(malformed.stats()).toMatchObject({ outcomes: { malformed: 1, ok: 0 }, completions: {} });
  });

  it('answers an upstream failure before the first event as a JSON error', async () => {
    const back = await fixture.serve({ faults: { malformed: 1 } });
    const front = await fixture.serve({ provider: new OpenAiCompatibleProvider({ endpoint: 'back', baseUrl: back.url, timeoutMs: 20_000 }) });
    await expect(client(front.url).chat.completions.create({ model: 'base', messages: USER_BIRD, stream: true })).rejects.toMatchObject({ status: 502, code: 'upstream_malformed_response' });
  });

  it('ends a stream that fails after its first event with an error event, which the SDK raises', async () => {
    const failing: Provider = {
      endpoint: 'failing',
      capabilities: fixture.provider().capabilities,
      chat: (request) => fixture.provider().chat(request),
      listModels: () => fixture.provider().listModels(),
      async *chatStream(request) {
        for await (const event of fixture.provider().chatStream(request)) {
          yield event;
          throw new ProviderError('server', 'failing: the upstream went away', 500);
        }
      },
    };
    const server = await fixture.serve({ provider: failing });
    const received: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of await client(server.url).chat.completions.create({ model: 'base', messages: USER_BIRD, seed: 3, stream: true })) received.push(chunk);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringMatching(/the upstream went away/), type: 'server_error' });
    expect(received.map((c) => c.choices[0]!.delta.role ?? 'content')).toEqual(['assistant', 'content']);
    expect(server.stats()).toMatchObject({ outcomes: { error: 1, ok: 0 }, completions: {} });
  });
});
