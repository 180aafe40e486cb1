// OpenAI's sampling parameters in the sandbox's sampler (top_p, the penalties, logit_bias), honoured
// directly and passed through a serve in front of it; and token logprobs that join to the answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { OpenAiCompatibleProvider } from '../../src/providers/openai-compatible.js';
import type { SandboxProvider } from '../../src/providers/sandbox.js';
import type { RunningServer } from '../../src/server/index.js';
import { USER_BIRD, client, closeAll, sandboxProvider, serve } from './harness.js';

const STOP_TOKENS = ['<eos>', '<user>', '<bos>', '<pad>'];

describe('weirdgen serve: sampling parameters and token logprobs', () => {
  let provider: SandboxProvider;
  let vocabulary: { id: number; token: string }[];
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    provider = sandboxProvider();
    const server = await serve(servers, { provider });
    vocabulary = ((await (await fetch(server.url.replace(/\/v1$/, '/weirdgen/vocabulary'))).json()) as { data: typeof vocabulary }).data;
  });
  afterEach(() => closeAll(servers));
  afterAll(() => provider.close());

  const idOf = (token: string): string => String(vocabulary.find((t) => t.token === token)!.id);
  const bias = (tokens: readonly string[], value: number): Record<string, number> => Object.fromEntries(tokens.map((t) => [idOf(t), value]));
  /** No stop token can be drawn: the answer runs to max_tokens. */
  const noStop = (): Record<string, number> => bias(STOP_TOKENS, -100);

  for (const via of ['sandbox', 'upstream'] as const) {
    describe(`over ${via}`, () => {
      async function ask(body: Omit<ChatCompletionCreateParamsNonStreaming, 'model' | 'messages'>): Promise<ChatCompletion> {
        const back = await serve(servers, { provider });
        const url = via === 'sandbox' ? back.url : (await serve(servers, { provider: new OpenAiCompatibleProvider({ endpoint: 'back', baseUrl: back.url, timeoutMs: 20_000 }) })).url;
        return client(url).chat.completions.create({ model: 'base', messages: USER_BIRD, ...body });
      }
      const words = (r: ChatCompletion): string[] => r.choices.map((c) => c.message.content!);

      it('top_p: a tiny nucleus leaves only the most likely token; 1 leaves them all; logprobs are not cut', async () => {
        const narrow = await ask({ n: 8, seed: 1, top_p: 0.001, max_tokens: 1, logprobs: true, top_logprobs: 3 });
        const wide = await ask({ n: 8, seed: 1, top_p: 1, max_tokens: 1, logprobs: true, top_logprobs: 3 });
        expect(new Set(words(narrow)).size).toBe(1);
        expect(new Set(words(wide)).size).toBeGreaterThan(1);
        const top = narrow.choices[0]!.logprobs!.content![0]!.top_logprobs;
        expect(words(narrow)[0]).toBe(top[0]!.token);
        expect(top.length).toBe(3);
      });

      it('logit_bias on sandbox token ids: +100 forces a token, -100 bans one, and the logprobs show the biased distribution', async () => {
        const forced = await ask({ seed: 2, max_tokens: 3, logit_bias: { ...noStop(), ...bias(['bird_old1'], 100) }, logprobs: true });
        expect(forced.choices[0]!.message.content).toBe('bird_old1 bird_old1 bird_old1');
        expect(forced.choices[0]!.logprobs!.content!.every((t) => t.logprob > -1e-3)).toBe(true);
        const greedy = await ask({ temperature: 0, max_tokens: 1 });
        const first = words(greedy)[0]!;
        const banned = await ask({ temperature: 0, max_tokens: 1, n: 4, logit_bias: bias([first], -100) });
        expect(words(banned).every((w) => w !== first && w.length > 0)).toBe(true);
      });

      it('frequency and presence penalties lower the tokens already generated, by count and once', async () => {
        // bird_old1 is forced at every step; its margin over the runner-up shrinks by the penalties.
        const base = { seed: 3, max_tokens: 3, logprobs: true, top_logprobs: 2, logit_bias: { ...noStop(), ...bias(['bird_old1'], 100) } } as const;
        const margins = (r: ChatCompletion): number[] => r.choices[0]!.logprobs!.content!.map((t) => t.top_logprobs[0]!.logprob - t.top_logprobs[1]!.logprob);
        const plain = margins(await ask(base));
        const frequency = margins(await ask({ ...base, frequency_penalty: 1.5 }));
        const presence = margins(await ask({ ...base, presence_penalty: 1.5 }));
        const both = margins(await ask({ ...base, frequency_penalty: 0.5, presence_penalty: 1 }));
        [0, 1, 2].forEach((t) => {
          expect(frequency[t]).toBeCloseTo(plain[t]! - 1.5 * t, 3);
          expect(presence[t]).toBeCloseTo(plain[t]! - (t > 0 ? 1.5 : 0), 3);
          expect(both[t]).toBeCloseTo(plain[t]! - 0.5 * t - (t > 0 ? 1 : 0), 3);
        });
      });

      it('token logprobs join to exactly the content, with the UTF-8 bytes of each token, for every choice', async () => {
        const r = await ask({ seed: 5, n: 3, max_tokens: 5, logprobs: true, top_logprobs: 2, logit_bias: noStop() });
        for (const choice of r.choices) {
          const content = choice.logprobs!.content!;
          expect(content.length).toBe(5);
          expect(content.map((t) => t.token).join('')).toBe(choice.message.content);
          expect(Buffer.concat(content.map((t) => Buffer.from(t.bytes!))).toString('utf8')).toBe(choice.message.content);
          for (const t of [...content, ...content.flatMap((c) => c.top_logprobs)]) expect(t.bytes).toEqual([...Buffer.from(t.token, 'utf8')]);
          expect(content.slice(1).every((t) => t.token.startsWith(' ') && t.top_logprobs.every((a) => a.token.startsWith(' ') || STOP_TOKENS.includes(a.token)))).toBe(true);
        }
        const [first, second] = words(await ask({ seed: 5, max_tokens: 5, logit_bias: noStop() }))[0]!.split(' ') as [string, string];
        // A stop sequence that begins inside a token cuts that token as it cuts the content.
        const cut = await ask({ seed: 5, max_tokens: 5, logprobs: true, logit_bias: noStop(), stop: [second.slice(3)] });
        const content = cut.choices[0]!.logprobs!.content!;
        expect(cut.choices[0]!.finish_reason).toBe('stop');
        expect(cut.choices[0]!.message.content).toBe(`${first} ${second.slice(0, 3)}`);
        expect(content.map((t) => t.token).join('')).toBe(cut.choices[0]!.message.content);
        expect(cut.usage!.completion_tokens).toBe(2);
      });
    });
  }

  it('lists the sandbox vocabulary with the ids logit_bias takes, and refuses ids outside it naming logit_bias', async () => {
    expect(vocabulary.slice(0, 4).map((t) => t.token)).toEqual(['<pad>', '<unk>', '<bos>', '<eos>']);
    expect(vocabulary.every((t, i) => t.id === i)).toBe(true);
    const { url } = await serve(servers, { provider });
    await expect(client(url).chat.completions.create({ model: 'base', messages: USER_BIRD, logit_bias: { [String(vocabulary.length)]: 1 } })).rejects.toMatchObject({ status: 400, param: 'logit_bias' });
    await expect(client(url).chat.completions.create({ model: 'base', messages: USER_BIRD, logit_bias: { x: 1 } })).rejects.toMatchObject({ status: 400, param: 'logit_bias' });
    await expect(client(url).chat.completions.create({ model: 'base', messages: USER_BIRD, logit_bias: { '5': 101 } })).rejects.toMatchObject({ status: 400, param: 'logit_bias.5' });
  });

  it('refuses sampling parameters for the rule-based judge, which does not sample', async () => {
    const { url } = await serve(servers, { provider });
    const judge = (extra: Record<string, unknown>) => client(url).chat.completions.create({ model: 'judge', messages: USER_BIRD, ...extra });
    for (const [param, value] of [['top_p', 0.5], ['frequency_penalty', 1], ['presence_penalty', -1], ['logit_bias', { '3': 5 }]] as const) {
      await expect(judge({ [param]: value })).rejects.toMatchObject({ status: 400, param });
    }
    expect((await judge({ top_p: 1, frequency_penalty: 0 })).choices).toHaveLength(1);
  });
});
