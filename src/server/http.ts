// Reading request bodies and writing JSON answers over node:http.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, invalidRequest } from './errors.js';

/** Past this many times the limit an oversized body is no longer drained: the socket is cut. */
const DRAIN_FACTOR = 4;

/** The raw body; 413 past `limit` bytes (read to the end so the client sees the answer). */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit * DRAIN_FACTOR) {
    req.socket.destroy();
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit * DRAIN_FACTOR) {
      req.socket.destroy();
      throw tooLarge(limit);
    }
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) throw tooLarge(limit);
  return Buffer.concat(chunks);
}

/** The parsed JSON body; 413 past `limit` bytes. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readRawBody(req, limit)).toString('utf8');
  if (text.trim() === '') throw invalidRequest('The request body is empty; send a JSON object.', null, 'invalid_json');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalidRequest(`We could not parse the JSON body of your request: ${(e as Error).message}.`, null, 'invalid_json');
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than the server's limit of ${limit} bytes.`, 'invalid_request_error', 'request_too_large');
}

/** Writes `body` as JSON unless the client has already gone. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendRaw(res, status, JSON.stringify(body), headers);
}

export function sendRaw(res: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const data = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(data.length),
    'x-request-id': `req_${randomUUID().replaceAll('-', '')}`,
    ...headers,
  });
  res.end(data);
}

export function sendError(res: ServerResponse, error: HttpError, headers: Readonly<Record<string, string>> = {}): void {
  sendJson(res, error.status, error.body(), { ...headers, ...error.headers });
}
