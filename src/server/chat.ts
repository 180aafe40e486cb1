// POST /v1/chat/completions: validate, check the model and the limits, maybe fault, else ask the
// provider, as one JSON answer or streamed. Batches run their requests through the same path,
// without limits, faults and streaming.
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { estimatePromptTokens } from '../providers/index.js';
import type { BatchChat } from './batches/runner.js';
import { parseChatBody, sampleFields, toChatRequest, type ChatBody } from './chat-request.js';
import { toChatCompletion } from './chat-response.js';
import { injectStreamFault } from './chat-stream-fault.js';
import { sendChatStream } from './chat-stream.js';
import { HttpError, invalidRequest, retryAfterHeaders } from './errors.js';
import type { Handler, ServerParts } from './exchange.js';
import { readJsonBody, sendJson } from './http.js';
import { injectFault } from './inject-fault.js';
import { sampleKey } from './stats.js';

/** The completion for a valid body: the model must exist; the provider answers. */
export async function completeChat(parts: ServerParts, body: ChatBody, signal?: AbortSignal): Promise<ChatCompletion> {
  await parts.catalog.get(body.model);
  return toChatCompletion(await parts.provider.chat(toChatRequest(body), signal), body);
}

export const handleChat: Handler = async (parts, exchange) => {
  const { req, res, signal } = exchange;
  const body = parseChatBody(await readJsonBody(req, parts.options.maxBodyBytes));
  await parts.catalog.get(body.model);
  let headers: Record<string, string> = {};
  if (parts.limiter.active) {
    const admission = parts.limiter.admit(estimatePromptTokens(body.messages) + body.maxTokens * body.n);
    if (!admission.ok) {
      throw new HttpError(429, admission.message, admission.limit, 'rate_limit_exceeded', null, { ...admission.headers, ...retryAfterHeaders(admission.retryAfterMs) }, 'rate-limited');
    }
    headers = admission.headers;
  }
  const fault = parts.pickFault();
  if (fault) return body.stream ? injectStreamFault(fault, exchange, body, headers) : injectFault(fault, exchange, body.model, headers);
  const key = sampleKey(sampleFields(body));
  if (body.stream) {
    if (!(await sendChatStream(parts, exchange, body, headers))) return;
    if (res.writableFinished) parts.stats.completion(key);
    else res.once('finish', () => parts.stats.completion(key));
    return;
  }
  const completion = await completeChat(parts, body, signal);
  res.once('finish', () => parts.stats.completion(key));
  sendJson(res, 200, completion, headers);
};

/** How a batch runs one request: the direct path's answer for the same body, counted in the stats. */
export function batchChat(parts: ServerParts): BatchChat {
  return async (raw, signal) => {
    parts.stats.batchRequest();
    const body = parseChatBody(raw);
    if (body.stream) throw invalidRequest('Batch requests cannot be streamed; leave stream out or set it to false.', 'stream');
    const completion = await completeChat(parts, body, signal);
    parts.stats.completion(sampleKey(sampleFields(body)));
    return completion;
  };
}
