// The chat fetch over node:http against a loopback server that answers as the test says: what it
// sends, redirects, compressed and empty bodies, aborts and cut connections; and the Response it
// returns, read the ways the fetch standard allows.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch as makeHttpFetch } from '../../src/providers/http-fetch.js';
import { WholeBodyResponse } from '../../src/providers/whole-body-response.js';

interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const { fetch: httpFetch, close: closeFetch } = makeHttpFetch();
let server: Server;
let base: string;
const seen: Seen[] = [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/echo': (req, res) => res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining-requests': '7' }).end(JSON.stringify({ ok: true, answer: 'naïve ✓' })),
  '/moved': (req, res) => res.writeHead(307, { location: '/echo' }).end(),
  '/gzip': (req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ zipped: true }))),
  '/empty': (req, res) => res.writeHead(204).end(),
  '/hang': () => {},
  '/cut': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"partial":');
    setTimeout(() => res.socket?.destroy(), 20);
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body });
      routes[req.url ?? '']!(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  closeFetch();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('httpFetch', () => {
  it('sends the method, headers and body, and returns status, headers and the JSON body', async () => {
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'héllo' }] });
    const headers = new Headers({ 'Content-Type': 'application/json', Authorization: 'Bearer k' });
    const r = await httpFetch(`${base}/echo`, { method: 'POST', headers, body });
    expect(r).toBeInstanceOf(Response);
    expect(r.status).toBe(200);
    expect(r.ok).toBe(true);
    expect(r.headers.get('x-ratelimit-remaining-requests')).toBe('7');
    expect(await r.json()).toEqual({ ok: true, answer: 'naïve ✓' });
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', body });
    expect(last.headers).toMatchObject({ authorization: 'Bearer k', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  });

  it('follows redirects as fetch does, and decodes compressed bodies', async () => {
    const moved = await httpFetch(`${base}/moved`, { method: 'POST', body: '{}' });
    expect(await moved.json()).toEqual({ ok: true, answer: 'naïve ✓' });
    expect(await (await httpFetch(`${base}/gzip`)).json()).toEqual({ zipped: true });
  });

  it('gives statuses without a body an empty one', async () => {
    const r = await httpFetch(`${base}/empty`);
    expect(r.status).toBe(204);
    expect(r.body).toBeNull();
    expect(await r.text()).toBe('');
  });

  it('rejects with an AbortError when the signal aborts, before or during the request', async () => {
    await expect(httpFetch(`${base}/echo`, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const pending = httpFetch(`${base}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects, without calling it an abort, when the connection is cut mid-body or refused', async () => {
    const cut = await httpFetch(`${base}/cut`).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(cut).toBeInstanceOf(Error);
    expect(cut!.name).not.toBe('AbortError');
    await expect(httpFetch('http://127.0.0.1:1/')).rejects.toThrow();
  });
});

describe('WholeBodyResponse', () => {
  const make = () => new WholeBodyResponse(Buffer.from('\uFEFF{"a":[1,2]}'), { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' } });

  it('reads once, as text or JSON (without a byte-order mark), like any Response', async () => {
    const r = make();
    expect(r.bodyUsed).toBe(false);
    expect(await r.json()).toEqual({ a: [1, 2] });
    expect(r.bodyUsed).toBe(true);
    await expect(r.text()).rejects.toThrow(TypeError);
    expect(() => r.clone()).toThrow(TypeError);
    expect([r.status, r.statusText, r.headers.get('content-type')]).toEqual([201, 'Created', 'application/json']);
  });

  it('has a readable body stream, bytes and clones', async () => {
    const r = make();
    const copy = r.clone();
    expect(new TextDecoder().decode(await copy.arrayBuffer())).toBe('{"a":[1,2]}');
    const reader = r.body!.getReader();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += Buffer.from(chunk.value).toString('utf8');
    expect(text).toBe('\uFEFF{"a":[1,2]}');
    expect(r.bodyUsed).toBe(true);
  });
});
