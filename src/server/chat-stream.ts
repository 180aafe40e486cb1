// POST /v1/chat/completions with `stream: true`: server-sent events of chat.completion.chunk objects,
// ended by `data: [DONE]`. Errors before the first event are ordinary JSON errors with their status;
// an error after it is an `error` event (which the SDKs raise), and the stream ends without [DONE].
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { streamChat } from '../providers/index.js';
import { ChatChunks } from './chat-chunks.js';
import { toChatRequest, type ChatBody } from './chat-request.js';
import { toHttpError } from './errors.js';
import type { Exchange, ServerParts } from './exchange.js';

export const SSE_DONE = 'data: [DONE]\n\n';

export function sseEvent(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

export function openEventStream(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_${randomUUID().replaceAll('-', '')}`, ...headers });
}

async function write(res: ServerResponse, text: string, signal: AbortSignal): Promise<void> {
  if (!res.write(text)) await once(res, 'drain', { signal });
}

/** Streams the answer to `body`; true when it ended with [DONE]. */
export async function sendChatStream(parts: ServerParts, exchange: Exchange, body: ChatBody, headers: Readonly<Record<string, string>>): Promise<boolean> {
  const { res, signal } = exchange;
  const events = streamChat(parts.provider, toChatRequest(body), signal)[Symbol.asyncIterator]();
  let next = await events.next();
  const chunks = new ChatChunks(body);
  openEventStream(res, headers);
  try {
    for (let index = 0; index < body.n; index++) await write(res, sseEvent(chunks.role(index)), signal);
    for (; !next.done; next = await events.next()) {
      const chunk = chunks.of(next.value);
      if (chunk) await write(res, sseEvent(chunk), signal);
    }
    res.end(SSE_DONE);
    return true;
  } catch (e) {
    if (signal.aborted) exchange.outcome = 'aborted';
    else {
      exchange.outcome = 'error';
      res.end(sseEvent(toHttpError(e).body()));
    }
    return false;
  } finally {
    await events.return?.();
  }
}
