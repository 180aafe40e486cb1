// Every parameter of OpenAI's chat request is honoured or refused with a 400 naming it, never
// accepted and ignored; hostile shapes (deep nesting) are client errors, never a 500.
import { describe, expect, it } from 'vitest';
import { chatBody } from '../../src/providers/chat-body.js';
import { parseChatBody, toChatRequest } from '../../src/server/index.js';
import { USER_BIRD, postJson, serverFixture } from './harness.js';

const BASE = { model: 'base', messages: USER_BIRD, max_tokens: 2, seed: 1 };

describe('weirdgen serve: chat request parameters', () => {
  const fixture = serverFixture();

  it('refuses parameters it cannot honour with a 400 that names them', async () => {
    const { url } = await fixture.serve();
    const refused: [string, unknown][] = [
      ['tools', [{ type: 'function', function: { name: 'f' } }]],
      ['tool_choice', 'auto'],
      ['parallel_tool_calls', true],
      ['functions', [{ name: 'f' }]],
      ['function_call', 'auto'],
      ['response_format', { type: 'json_object' }],
      ['modalities', ['text', 'audio']],
      ['audio', { voice: 'alloy', format: 'wav' }],
      ['prediction', { type: 'content', content: 'x' }],
      ['reasoning_effort', 'low'],
      ['verbosity', 'low'],
      ['web_search_options', {}],
      ['store', true],
      ['metadata', { a: 'b' }],
      ['service_tier', 'flex'],
      ['prompt_cache_retention', '24h'],
      ['prompt_cache_options', {}],
      ['moderation', {}],
      ['made_up', 1],
    ];
    for (const [param, value] of refused) {
      const r = await postJson(`${url}/chat/completions`, { ...BASE, [param]: value });
      expect([param, r.status, (r.json as { error: { param: string; type: string } }).error]).toEqual([param, 400, expect.objectContaining({ param, type: 'invalid_request_error' })]);
    }
    const inMessages = [
      [{ role: 'user', content: 'bird', name: 'ann' }, 'messages[0].name'],
      [{ role: 'user', content: 'bird', weight: 1 }, 'messages[0]'],
      [{ role: 'tool', content: 'bird', tool_call_id: 'x' }, 'messages[0].role'],
      [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }, 'messages[0].content'],
      [{ role: 'assistant', content: 'x', tool_calls: [{ id: 'a' }] }, 'messages[0].tool_calls'],
    ] as const;
    for (const [message, param] of inMessages) {
      const r = await postJson(`${url}/chat/completions`, { ...BASE, messages: [message] });
      expect([r.status, (r.json as { error: { param: string } }).error.param]).toEqual([400, param]);
    }
  });

  it('accepts null for every optional parameter, the values that ask for nothing, and identifiers of the caller', async () => {
    const { url } = await fixture.serve();
    const nulls = Object.fromEntries(
      ['n', 'temperature', 'top_p', 'frequency_penalty', 'presence_penalty', 'logit_bias', 'seed', 'stop', 'logprobs', 'top_logprobs', 'stream', 'tools', 'response_format', 'store', 'metadata', 'service_tier', 'prompt_cache_key', 'safety_identifier', 'audio', 'prediction', 'reasoning_effort'].map((p) => [p, null]),
    );
    expect((await postJson(`${url}/chat/completions`, { ...BASE, ...nulls })).status).toBe(200);
    const harmless = { store: false, response_format: { type: 'text' }, modalities: ['text'], service_tier: 'auto', user: 'u-1', safety_identifier: 's-1', prompt_cache_key: 'k-1', messages: [{ role: 'assistant', content: 'x', refusal: null, tool_calls: [] }, ...USER_BIRD] };
    expect((await postJson(`${url}/chat/completions`, { ...BASE, ...harmless })).status).toBe(200);
  });

  it('forwards the sampling parameters and the caller identifiers to an upstream', () => {
    const body = chatBody(toChatRequest(parseChatBody({ ...BASE, top_p: 0.5, frequency_penalty: 1, presence_penalty: -1, logit_bias: { '7': 3 }, user: 'u', safety_identifier: 's', prompt_cache_key: 'k' })));
    expect(body).toMatchObject({ top_p: 0.5, frequency_penalty: 1, presence_penalty: -1, logit_bias: { '7': 3 }, user: 'u', safety_identifier: 's', prompt_cache_key: 'k' });
    expect(Object.keys(chatBody(toChatRequest(parseChatBody(BASE)))).sort()).toEqual(['max_tokens', 'messages', 'model', 'seed', 'temperature']);
  });

  it('answers a body nested thousands deep with a 400, never a 500', async () => {
    const { url } = await fixture.serve();
    const arrays = (depth: number, leaf: string) => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
    const objects = (depth: number) => `${'{"content":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const message = '{"role":"user","content":"bird"}';
    const bodies = [
      `{"model":"base","messages":${arrays(5000, message)}}`,
      `{"model":"base","messages":[{"role":"user","content":${arrays(5000, '"x"')}}]}`,
      `{"model":"base","messages":[${objects(5000)}]}`,
      `{"model":"base","messages":[${message}],"logit_bias":${objects(5000)}}`,
      `{"model":${arrays(100_000, '1')},"messages":[${message}]}`,
    ];
    for (const body of bodies) {
      const r = await postJson(`${url}/chat/completions`, body);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringMatching(/nests deeper/) } });
    }
    // Shallow but wrong values are still named, with a short excerpt of what was sent.
    const wrong = await postJson(`${url}/chat/completions`, { ...BASE, stop: [[[['x']]]] });
    expect(wrong.json).toMatchObject({ error: { param: 'stop', message: expect.stringMatching(/\(got \[\[\[\[\.\.\.\]\]\]\]\)/) } });
  });
});
