// Reading request bodies and writing JSON answers over node:http.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, invalidRequest } from './errors.js';

/**
 * Past the limit a body is read and thrown away, up to this many more bytes, so that the client,
 * which sends its whole body before it reads an answer, gets the 413 rather than a reset. A larger
 * body (or a larger declared Content-Length) is answered at once and the connection closed.
 */
export const DRAIN_BYTES = 256 * 1024 * 1024;

/** The raw body; an OpenAI-shaped 413 past `limit` bytes, answered on a connection then closed. */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + DRAIN_BYTES) return Promise.reject(tooLarge(limit));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: Error | undefined): void => {
      req.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose);
      if (error) reject(error);
      else if (size > limit) reject(tooLarge(limit));
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0; // over the limit: keep nothing, only count
      if (size > limit + DRAIN_BYTES) {
        req.pause();
        settle(tooLarge(limit));
      }
    };
    const onEnd = (): void => settle(undefined);
    const onClose = (): void => settle(new Error('the client closed the connection before sending its whole body'));
    req.on('data', onData).once('end', onEnd).once('error', settle).once('close', onClose);
  });
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
  // The body may be partly unread: the connection cannot carry another request.
  return new HttpError(413, `The request body is larger than the server's limit of ${limit} bytes.`, 'invalid_request_error', 'request_too_large', null, { connection: 'close' });
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
