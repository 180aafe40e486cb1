// Simulated rate limits, latency and faults, as the OpenAI SDK meets them.
import { APIConnectionError, APIConnectionTimeoutError, InternalServerError, RateLimitError } from 'openai';
import { describe, expect, it } from 'vitest';
import { USER_BIRD, client, postJson, serverFixture } from './harness.js';

const DURATION = /^(\d+h)?(\d+m)?\d+(\.\d+)?(ms|s)$/;
const body = { model: 'base', messages: USER_BIRD, max_tokens: 4 };

describe('weirdgen serve: limits and faults', () => {
  const fixture = serverFixture();

  it('limits requests per minute with 429, Retry-After and x-ratelimit-* headers', async () => {
    const server = await fixture.serve({ rpm: 2 });
    const openai = client(server.url);
    const started = Date.now();
    const first = await openai.chat.completions.create(body).withResponse();
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.response.headers.get('x-ratelimit-reset-requests')).toMatch(DURATION);
    expect(first.response.headers.get('x-ratelimit-limit-tokens')).toBeNull();
    await openai.chat.completions.create(body);
    const limited = (await openai.chat.completions.create(body).catch((e: unknown) => e)) as RateLimitError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.code).toBe('rate_limit_exceeded');
    const raw = await postJson(`${server.url}/chat/completions`, body);
    expect(raw.status).toBe(429);
    // The 2 requests of the minute free their slots 30 s apart: the wait is what is left of the first 30 s.
    const elapsed = Date.now() - started;
    const retryAfterMs = Number(raw.headers.get('retry-after-ms'));
    expect(retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(retryAfterMs).toBeGreaterThanOrEqual(30_000 - elapsed);
    expect(raw.headers.get('retry-after')).toBe(String(Math.ceil(retryAfterMs / 1000)));
    expect(raw.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(raw.headers.get('x-ratelimit-reset-requests')).toMatch(DURATION);
    expect(server.stats().outcomes).toMatchObject({ ok: 2, 'rate-limited': 2 });
  });

  it('limits tokens per minute by prompt estimate plus max_tokens * n', async () => {
    const server = await fixture.serve({ tpm: 100 });
    const openai = client(server.url);
    const ok = await openai.chat.completions.create({ ...body, max_tokens: 40 }).withResponse();
    expect(ok.response.headers.get('x-ratelimit-limit-tokens')).toBe('100');
    expect(Number(ok.response.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThanOrEqual(60);
    const limited = (await openai.chat.completions.create({ ...body, max_tokens: 20, n: 3 }).catch((e: unknown) => e)) as RateLimitError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.type).toBe('tokens');
    expect(Number(limited.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const tooLarge = (await openai.chat.completions.create({ ...body, max_tokens: 500 }).catch((e: unknown) => e)) as RateLimitError;
    expect(tooLarge.message).toMatch(/Request too large/);
  });

  it('adds latency before answering', async () => {
    const server = await fixture.serve({ latencyMs: 300 });
    const openai = client(server.url);
    await openai.models.list();
    const started = Date.now();
    await openai.models.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect(client(server.url, { timeout: 100 }).models.list()).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.stats().outcomes).toMatchObject({ ok: 2, aborted: 1 });
  });

  it('answers 500, 503 and 429 faults as errors', async () => {
    const s500 = await fixture.serve({ faults: { '500': 1 } });
    await expect(client(s500.url).chat.completions.create(body)).rejects.toBeInstanceOf(InternalServerError);
    const s503 = await fixture.serve({ faults: { '503': 1 } });
    await expect(client(s503.url).chat.completions.create(body)).rejects.toMatchObject({ status: 503 });
    const s429 = await fixture.serve({ faults: { '429': 1 } });
    const limited = (await client(s429.url).chat.completions.create(body).catch((e: unknown) => e)) as RateLimitError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.headers?.get('retry-after')).toBe('1');
    expect(s500.stats().outcomes['500']).toBe(1);
    expect(s429.stats().outcomes['429']).toBe(1);
    // Models are not faulted: only chat requests draw.
    expect((await client(s500.url).models.list()).data.length).toBeGreaterThan(0);
  });

  it('hangs until the client gives up, and close() ends the hanging request at once', async () => {
    const server = await fixture.serve({ faults: { hang: 1 } });
    await expect(client(server.url, { timeout: 300 }).chat.completions.create(body)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    const pending = fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('cut');
    expect(server.stats().outcomes.hang).toBe(2);
  });

  it('resets the connection and sends malformed JSON', async () => {
    const reset = await fixture.serve({ faults: { reset: 1 } });
    const cut = await client(reset.url).chat.completions.create(body).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(APIConnectionError);
    expect(cut).not.toBeInstanceOf(APIConnectionTimeoutError);
    const malformed = await fixture.serve({ faults: { malformed: 1 } });
    await expect(client(malformed.url).chat.completions.create(body)).rejects.toThrow(/JSON/);
    const raw = await postJson(`${malformed.url}/chat/completions`, body);
    expect(raw.status).toBe(200);
    expect(typeof raw.json).toBe('string');
    expect(malformed.stats()).toMatchObject({ outcomes: { malformed: 2, ok: 0 }, completions: {} });
  });

  it('draws faults from the seed: the same seed gives the same sequence', async () => {
    const statuses = async (seed: number): Promise<number[]> => {
      const server = await fixture.serve({ faults: { '500': 0.3, '503': 0.2 }, seed });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await postJson(`${server.url}/chat/completions`, body)).status);
      const stats = server.stats();
      expect(stats.outcomes.ok + stats.outcomes['500'] + stats.outcomes['503']).toBe(12);
      expect(Object.values(stats.completions)).toEqual([stats.outcomes.ok]);
      return out;
    };
    const a = await statuses(4);
    expect(await statuses(4)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 503]));
  });
});
