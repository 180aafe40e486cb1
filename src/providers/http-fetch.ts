// A `fetch` for the SDK's chat completions over node:http(s) with keep-alive connections. It sends
// what the global fetch (undici) sends and hands the SDK a Response over the whole body, for well
// under half the CPU per call, which is most of what a run spends between the server's answers.
// Anything it does not handle the same way goes to the global fetch: Request objects, bodies other
// than text or bytes, and redirects. Compressed bodies are not asked for, and decoded if sent.
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { WholeBodyResponse } from './whole-body-response.js';

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const NULL_BODY: ReadonlySet<number> = new Set([204, 205, 304]);
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

function abortError(): DOMException {
  return new DOMException('This operation was aborted', 'AbortError');
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const plain: Record<string, string> = {};
  if (headers === undefined) return plain;
  if (headers instanceof Headers) headers.forEach((value, name) => (plain[name] = value));
  else if (Array.isArray(headers)) for (const [name, value] of headers) plain[name!.toLowerCase()] = value!;
  else for (const [name, value] of Object.entries(headers as Record<string, string>)) plain[name.toLowerCase()] = value;
  return plain;
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return body;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      throw new TypeError(`unsupported content-encoding "${encoding}"`);
  }
}

function toResponse(res: http.IncomingMessage, body: Buffer): Response {
  const status = res.statusCode ?? 0;
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const content = NULL_BODY.has(status) ? null : decoded(body, res.headers['content-encoding']);
  // A reason phrase that a Response would refuse is left out: nothing reads it.
  const statusText = REASON_PHRASE.test(res.statusMessage ?? '') ? (res.statusMessage ?? '') : '';
  return new WholeBodyResponse(content, { status, statusText, headers });
}

type Agents = { 'http:': http.Agent; 'https:': https.Agent };

/** A fetch with its own kept-alive connections, and the function that closes them. */
export interface HttpFetch {
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  close(): void;
}

export function httpFetch(): HttpFetch {
  const agents: Agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return {
    fetch: (input, init = {}) => send(agents, input, init),
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function send(agents: Agents, input: string | URL | Request, init: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
  const body = init.body;
  const plainBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
  const agent = url && (url.protocol === 'http:' || url.protocol === 'https:') ? agents[url.protocol] : undefined;
  if (!url || !agent || !plainBody) return fetch(input, init);
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortError());
  const headers = plainHeaders(init.headers);
  if (body !== undefined && body !== null) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<Response>((resolve, reject) => {
    const fail = (e: unknown) => reject(signal?.aborted ? abortError() : e);
    const req = request(url, { method: init.method ?? 'GET', headers, agent, ...(signal ? { signal } : {}) }, (res) => {
      if (REDIRECTS.has(res.statusCode ?? 0) && res.headers.location !== undefined) {
        res.resume();
        resolve(fetch(input, init));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        try {
          resolve(toResponse(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
        } catch (e) {
          reject(e);
        }
      });
      res.on('close', () => {
        if (!res.complete) fail(res.errored ?? new Error('the connection closed before the response ended'));
      });
    });
    req.on('error', fail);
    req.end(body ?? undefined);
  });
}
