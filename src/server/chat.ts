// POST /v1/chat/completions: validate, check the model and the limits, maybe fault, else ask the provider.
import { estimatePromptTokens } from '../providers/token-estimate.js';
import { parseChatBody, sampleFields, toChatRequest } from './chat-request.js';
import { toChatCompletion } from './chat-response.js';
import { HttpError, retryAfterHeaders } from './errors.js';
import type { Handler } from './exchange.js';
import { readJsonBody, sendJson } from './http.js';
import { injectFault } from './inject-fault.js';
import { sampleKey } from './stats.js';

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
  if (fault) return injectFault(fault, exchange, body.model, headers);
  const response = await parts.provider.chat(toChatRequest(body), signal);
  const key = sampleKey(sampleFields(body));
  res.once('finish', () => parts.stats.completion(key));
  sendJson(res, 200, toChatCompletion(response, body), headers);
};
