// Error answers: validation, unknown models and routes, the API key, oversized bodies.
import { AuthenticationError, BadRequestError, NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { USER_BIRD, client, postJson, serverFixture } from './harness.js';

interface ErrorJson {
  error: { message: string; type: string; param: string | null; code: string | null };
}

describe('weirdgen serve: errors', () => {
  const fixture = serverFixture();

  it.each([
    [{ messages: USER_BIRD }, 'model', /Missing required parameter: 'model'/],
    [{ model: 'base', messages: [] }, 'messages', /Too small/],
    [{ model: 'base', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].role', /expected one of/],
    [{ model: 'base', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }, 'messages[0].content', /text/],
    [{ model: 'base', messages: USER_BIRD, n: 129 }, 'n', /<=128/],
    [{ model: 'base', messages: USER_BIRD, temperature: 2.5 }, 'temperature', /<=2/],
    [{ model: 'base', messages: USER_BIRD, max_tokens: 0 }, 'max_tokens', />=1/],
    [{ model: 'base', messages: USER_BIRD, max_completion_tokens: 1.5 }, 'max_completion_tokens', /expected int/],
    [{ model: 'base', messages: USER_BIRD, seed: 'one' }, 'seed', /number/],
    [{ model: 'base', messages: USER_BIRD, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', /at most 4/],
    [{ model: 'base', messages: USER_BIRD, logprobs: true, top_logprobs: 21 }, 'top_logprobs', /<=20/],
    [{ model: 'base', messages: USER_BIRD, top_logprobs: 2 }, 'top_logprobs', /'logprobs' must be set to true/],
    [{ model: 'base', messages: USER_BIRD, stream_options: { include_usage: true } }, 'stream_options', /only allowed when 'stream' is true/],
  ])('rejects %j naming the field', async (body, param, message) => {
    const { url } = await fixture.serve();
    const error = (await client(url).chat.completions.create(body as never).catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.param).toBe(param);
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toMatch(message);
  });

  it('answers invalid JSON, unknown routes, wrong methods and oversized bodies in the error shape', async () => {
    const { url } = await fixture.serve({ maxBodyBytes: 1000 });
    const bad = await postJson(`${url}/chat/completions`, '{"model": ');
    expect(bad.status).toBe(400);
    expect((bad.json as ErrorJson).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    const unknown = await fetch(`${url}/embeddings`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorJson).error).toEqual({ message: 'Invalid URL (POST /v1/embeddings)', type: 'invalid_request_error', param: null, code: 'unknown_url' });
    const wrongMethod = await fetch(`${url}/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const big = await postJson(`${url}/chat/completions`, { model: 'base', messages: [{ role: 'user', content: 'x'.repeat(2000) }] });
    expect(big.status).toBe(413);
    expect((big.json as ErrorJson).error.message).toMatch(/1000 bytes/);
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const { url } = await fixture.serve();
    const error = (await client(url).chat.completions.create({ model: 'gpt-nothing', messages: USER_BIRD }).catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toMatch(/gpt-nothing/);
  });

  it('checks the API key without ever writing it out', async () => {
    const lines: string[] = [];
    const { url } = await fixture.serve({ apiKey: 's3cret-key', log: (l) => lines.push(l) });
    const wrong = (await client(url, { apiKey: 'wrong-key' }).models.list().catch((e: unknown) => e)) as AuthenticationError;
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect(wrong.code).toBe('invalid_api_key');
    expect(wrong.message).not.toMatch(/wrong-key|s3cret/);
    const missing = await postJson(`${url}/chat/completions`, { model: 'base', messages: USER_BIRD });
    expect(missing.status).toBe(401);
    const stats = await fetch(url.replace(/\/v1$/, '/weirdgen/stats'));
    expect(stats.status).toBe(401);
    const ok = await client(url, { apiKey: 's3cret-key' }).chat.completions.create({ model: 'base', messages: USER_BIRD });
    expect(ok.choices).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/s3cret/);
  });

  it('validates its own options', async () => {
    await expect(fixture.serve({ faults: { '500': 0.8, hang: 0.3 } })).rejects.toThrow(/sum to at most 1/);
    await expect(fixture.serve({ rpm: 0 })).rejects.toThrow(/rpm/);
  });
});
