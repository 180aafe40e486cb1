// Routes a request to its handler and turns whatever happens into one answer and one counted outcome.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { checkApiKey } from './auth.js';
import { cancelBatch, createBatch, listBatches, retrieveBatch } from './batches/routes.js';
import { handleChat } from './chat.js';
import { sendVocabulary } from './chat-vocabulary.js';
import { HttpError, toHttpError } from './errors.js';
import type { Exchange, Handler, ServerParts } from './exchange.js';
import { deleteFile, fileContent, listFiles, retrieveFile, uploadFile } from './files/routes.js';
import { cancelJob, createJob, listCheckpoints, listEvents, listJobs, retrieveJob } from './fine-tuning/routes.js';
import { sendError, sendJson } from './http.js';
import type { Outcome } from './stats.js';

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/v1\/models$/, handler: async (parts, { res }) => sendJson(res, 200, { object: 'list', data: await parts.catalog.list() }) },
  { method: 'GET', pattern: /^\/v1\/models\/(.+)$/, handler: async (parts, { res }, id) => sendJson(res, 200, await parts.catalog.get(id ?? '')) },
  { method: 'POST', pattern: /^\/v1\/chat\/completions$/, handler: handleChat },
  { method: 'POST', pattern: /^\/v1\/files$/, handler: uploadFile },
  { method: 'GET', pattern: /^\/v1\/files$/, handler: listFiles },
  { method: 'GET', pattern: /^\/v1\/files\/([^/]+)$/, handler: retrieveFile },
  { method: 'DELETE', pattern: /^\/v1\/files\/([^/]+)$/, handler: deleteFile },
  { method: 'GET', pattern: /^\/v1\/files\/([^/]+)\/content$/, handler: fileContent },
  { method: 'POST', pattern: /^\/v1\/fine_tuning\/jobs$/, handler: createJob },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs$/, handler: listJobs },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)$/, handler: retrieveJob },
  { method: 'POST', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/cancel$/, handler: cancelJob },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/events$/, handler: listEvents },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/checkpoints$/, handler: listCheckpoints },
  { method: 'POST', pattern: /^\/v1\/batches$/, handler: createBatch },
  { method: 'GET', pattern: /^\/v1\/batches$/, handler: listBatches },
  { method: 'GET', pattern: /^\/v1\/batches\/([^/]+)$/, handler: retrieveBatch },
  { method: 'POST', pattern: /^\/v1\/batches\/([^/]+)\/cancel$/, handler: cancelBatch },
  { method: 'GET', pattern: /^\/weirdgen\/vocabulary$/, handler: sendVocabulary },
  { method: 'GET', pattern: /^\/weirdgen\/stats$/, handler: async (parts, { res }) => sendJson(res, 200, parts.stats.snapshot()) },
  {
    method: 'POST',
    pattern: /^\/weirdgen\/stats\/reset$/,
    handler: async (parts, { res }) => {
      parts.stats.reset();
      sendJson(res, 200, parts.stats.snapshot());
    },
  },
];

function decodeParam(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function findRoute(method: string, path: string): { handler: Handler; param?: string } {
  const matching = ROUTES.filter((r) => r.pattern.test(path));
  const route = matching.find((r) => r.method === method);
  if (route) {
    const param = route.pattern.exec(path)?.[1];
    return { handler: route.handler, ...(param !== undefined ? { param: decodeParam(param) } : {}) };
  }
  if (matching.length > 0) {
    const allow = matching.map((r) => r.method).join(', ');
    throw new HttpError(405, `Method ${method} is not allowed on ${path}; use ${allow}.`, 'invalid_request_error', 'method_not_allowed', null, { allow });
  }
  throw new HttpError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', 'unknown_url');
}

function outcomeOf(exchange: Exchange): Outcome {
  if (exchange.outcome) return exchange.outcome;
  if (!exchange.res.headersSent) return 'aborted';
  return exchange.res.statusCode < 400 ? 'ok' : 'error';
}

export async function route(parts: ServerParts, req: IncomingMessage, res: ServerResponse, log?: (line: string) => void): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(.)\/+$/, '$1');
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
    log?.(`${method} ${path} ${res.headersSent ? res.statusCode : 'no answer'} ${Date.now() - started}ms`);
  });
  const exchange: Exchange = { req, res, signal: controller.signal };
  const counted = path === '/v1' || path.startsWith('/v1/');
  if (counted) parts.stats.request();
  try {
    if (parts.options.apiKey !== undefined) checkApiKey(req.headers.authorization, parts.options.apiKey);
    const { handler, param } = findRoute(method, path);
    if (counted && parts.options.latencyMs > 0) await delay(parts.options.latencyMs, undefined, { signal: controller.signal });
    await handler(parts, exchange, param);
  } catch (e) {
    if (!controller.signal.aborted) {
      const error = toHttpError(e);
      sendError(res, error);
      exchange.outcome ??= error.outcome;
    }
  }
  if (counted) parts.stats.outcome(outcomeOf(exchange));
}
