// Oversized request bodies, sent whole by a real HTTP client: always an OpenAI-shaped 413, never a reset.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DRAIN_BYTES } from '../../src/server/http.js';
import { serverFixture } from './harness.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** POSTs `body` (or only `declared` as Content-Length, sending `body` and never ending) with node:http. */
function post(url: string, body: Buffer, declared = body.length, end = true): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(declared) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(body);
    if (end) req.end();
  });
}

function errorOf(answer: Answer): unknown {
  return (JSON.parse(answer.body) as { error: unknown }).error;
}

describe('weirdgen serve: request bodies over the limit', () => {
  const fixture = serverFixture();

  it('answers a 50 MB chat request with 413 in the error shape, and closes the connection', async () => {
    const { url } = await fixture.serve();
    const content = 'x'.repeat(50 * 1024 * 1024);
    const answer = await post(`${url}/chat/completions`, Buffer.from(`{"model":"base","messages":[{"role":"user","content":"${content}"}]}`));
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(errorOf(answer)).toEqual({ message: `The request body is larger than the server's limit of ${4 * 1024 * 1024} bytes.`, type: 'invalid_request_error', param: null, code: 'request_too_large' });
  });

  it('answers at once when the declared length is past what it would drain', async () => {
    const { url } = await fixture.serve({ maxBodyBytes: 1000 });
    const answer = await post(`${url}/chat/completions`, Buffer.from('{"model":'), 1000 + DRAIN_BYTES + 1, false);
    expect(answer.status).toBe(413);
    expect(errorOf(answer)).toMatchObject({ type: 'invalid_request_error', code: 'request_too_large' });
  });

  it('keeps serving after oversized bodies', async () => {
    const { url } = await fixture.serve({ maxBodyBytes: 1000 });
    for (const size of [2_000, 5_000_000]) expect((await post(`${url}/chat/completions`, Buffer.alloc(size, 'x'))).status).toBe(413);
    const ok = await fetch(`${url}/models`);
    expect(ok.status).toBe(200);
  });
});
