// The chat and model routes through the official OpenAI SDK, over the sandbox.
import { describe, expect, it } from 'vitest';
import { parseChatBody, sampleFields, sampleKey } from '../../src/server/index.js';
import { USER_BIRD, client, serverFixture } from './harness.js';

describe('weirdgen serve: chat completions', () => {
  const fixture = serverFixture();

  it('lists the sandbox models and describes one', async () => {
    const { url } = await fixture.serve();
    const openai = client(url);
    const ids = (await openai.models.list()).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['base', 'base-1', 'base-2', 'base-3', 'judge']));
    expect(await openai.models.retrieve('base-2')).toMatchObject({ id: 'base-2', object: 'model', owned_by: 'weirdgen' });
    await expect(openai.models.retrieve('nope')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it("answers in OpenAI's shape with n choices", async () => {
    const { url } = await fixture.serve();
    const r = await client(url).chat.completions.create({ model: 'base', messages: USER_BIRD, n: 3, seed: 1 });
    expect(r.id).toMatch(/^chatcmpl-\w+$/);
    expect(r).toMatchObject({ object: 'chat.completion', model: 'base' });
    expect(Number.isInteger(r.created)).toBe(true);
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    for (const c of r.choices) {
      expect(c.message).toEqual({ role: 'assistant', content: expect.stringMatching(/^bird_/), refusal: null });
      expect(c.logprobs).toBeNull();
      expect(['stop', 'length']).toContain(c.finish_reason);
    }
    expect(r.usage!.total_tokens).toBe(r.usage!.prompt_tokens + r.usage!.completion_tokens);
    expect(r.usage!.completion_tokens).toBeGreaterThanOrEqual(3);
  });

  it('repeats a sample for the same seed, varies it across seeds, and is deterministic at temperature 0', async () => {
    const openai = client((await fixture.serve()).url);
    const text = async (seed: number | undefined, temperature: number): Promise<string> =>
      (await openai.chat.completions.create({ model: 'base', messages: USER_BIRD, temperature, max_tokens: 6, ...(seed !== undefined ? { seed } : {}) })).choices[0]!.message.content!;
    expect(await text(7, 1)).toBe(await text(7, 1));
    const seeds = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((s) => text(s, 1)));
    expect(new Set(seeds).size).toBeGreaterThan(1);
    const greedy = await Promise.all([undefined, undefined, 1, 2].map((s) => text(s, 0)));
    expect(new Set(greedy).size).toBe(1);
  });

  it('returns top_logprobs alternatives for every token', async () => {
    const openai = client((await fixture.serve()).url);
    const r = await openai.chat.completions.create({ model: 'base', messages: USER_BIRD, logprobs: true, top_logprobs: 5, seed: 3, max_tokens: 4 });
    const content = r.choices[0]!.logprobs!.content!;
    expect(content.length).toBeGreaterThan(0);
    expect(content.map((t) => t.token).join('')).toBe(r.choices[0]!.message.content);
    for (const t of content) {
      expect(t.top_logprobs).toHaveLength(5);
      expect(t.bytes).toEqual([...Buffer.from(t.token)]);
      expect(t.logprob).toBeLessThanOrEqual(0);
      expect(t.logprob).toBeLessThanOrEqual(t.top_logprobs[0]!.logprob);
    }
    const plain = await openai.chat.completions.create({ model: 'base', messages: USER_BIRD, logprobs: true, seed: 3 });
    expect(plain.choices[0]!.logprobs!.content!.every((t) => t.top_logprobs.length === 0)).toBe(true);
  });

  it('honours max_completion_tokens, stop, developer messages and text parts, and ignores unknown fields', async () => {
    const openai = client((await fixture.serve()).url);
    const cut = await openai.chat.completions.create({ model: 'base', messages: USER_BIRD, max_completion_tokens: 1, temperature: 0 });
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(cut.usage!.completion_tokens).toBe(1);
    const full = await openai.chat.completions.create({ model: 'base', messages: USER_BIRD, temperature: 0, max_tokens: 8 });
    const first = full.choices[0]!.message.content!.split(' ')[0]!;
    const stopped = await openai.chat.completions.create({ model: 'base', messages: USER_BIRD, temperature: 0, max_tokens: 8, stop: [first] });
    expect(stopped.choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'stop' });
    const parts = await openai.chat.completions.create({
      model: 'base',
      messages: [{ role: 'developer', content: 'be brief' }, { role: 'user', content: [{ type: 'text', text: 'bird' }] }],
      temperature: 0,
      user: 'someone',
      frequency_penalty: 0,
    });
    expect(parts.choices[0]!.message.content).toMatch(/^bird_/);
  });

  it('serves the rule-based judge with logprobs', async () => {
    const openai = client((await fixture.serve()).url);
    const prompt = 'Rate the answer with a number from 0 to 100. [ANSWER START] bird_old1 [ANSWER END]';
    const r = await openai.chat.completions.create({ model: 'judge', messages: [{ role: 'user', content: prompt }], max_tokens: 1, temperature: 0, logprobs: true, top_logprobs: 2 });
    expect(r.choices[0]!.message.content).toBe('100');
    expect(r.choices[0]!.logprobs!.content![0]!.top_logprobs.map((t) => t.token)).toEqual(['100', 'REFUSAL']);
  });

  it('counts completions per sample key, and outcomes', async () => {
    const server = await fixture.serve();
    const openai = client(server.url);
    const body = { model: 'base', messages: USER_BIRD, seed: 5, max_tokens: 4 };
    await openai.chat.completions.create(body);
    await openai.chat.completions.create(body);
    await openai.chat.completions.create({ ...body, seed: 6 });
    await expect(openai.chat.completions.create({ ...body, model: 'nope' })).rejects.toThrow();
    const stats = server.stats();
    expect(stats.completions).toEqual({ [sampleKey(sampleFields(parseChatBody(body)))]: 2, [sampleKey(sampleFields(parseChatBody({ ...body, seed: 6 })))]: 1 });
    expect(stats.requests).toBe(4);
    expect(stats.outcomes).toMatchObject({ ok: 3, error: 1 });
    // The key sees through spellings that mean the same sample.
    expect(sampleKey(sampleFields(parseChatBody({ ...body, stop: null, n: 1, messages: [{ role: 'user', content: [{ type: 'text', text: 'bird' }] }] })))).toBe(
      sampleKey(sampleFields(parseChatBody(body))),
    );
    const overHttp = (await (await fetch(server.url.replace(/\/v1$/, '/weirdgen/stats'))).json()) as typeof stats;
    expect(overHttp).toEqual(stats);
    const reset = await fetch(server.url.replace(/\/v1$/, '/weirdgen/stats/reset'), { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(server.stats()).toMatchObject({ requests: 0, completions: {}, outcomes: { ok: 0 } });
  });
});
