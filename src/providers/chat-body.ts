// Chat requests as OpenAI request bodies and responses back: one mapping for direct calls and for
// batch files, so that a batched sample asks exactly what the direct call would.
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ProviderError } from './errors.js';
import type { ChatChoice, ChatRequest, ChatResponse } from './types.js';

export function chatBody(request: ChatRequest): ChatCompletionCreateParamsNonStreaming {
  return {
    model: request.model,
    messages: request.messages,
    temperature: request.temperature,
    max_tokens: request.maxTokens,
    ...(request.n !== undefined && request.n !== 1 ? { n: request.n } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.stop && request.stop.length > 0 ? { stop: request.stop } : {}),
    ...(request.topLogprobs !== undefined ? { logprobs: true, top_logprobs: request.topLogprobs } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.frequencyPenalty !== undefined ? { frequency_penalty: request.frequencyPenalty } : {}),
    ...(request.presencePenalty !== undefined ? { presence_penalty: request.presencePenalty } : {}),
    ...(request.logitBias !== undefined ? { logit_bias: { ...request.logitBias } } : {}),
    ...request.caller,
  };
}

export function parseChatCompletion(data: ChatCompletion, endpoint: string): ChatResponse {
  if (!data || !Array.isArray(data.choices) || data.choices.length === 0) throw new ProviderError('malformed', `${endpoint}: the response has no choices`);
  const choices = data.choices.map((c): ChatChoice => {
    const finishReason = c.finish_reason === 'stop' || c.finish_reason === 'length' || c.finish_reason === 'content_filter' ? c.finish_reason : 'other';
    const logprobs = c.logprobs?.content?.map((t) => ({ token: t.token, logprob: t.logprob, top: (t.top_logprobs ?? []).map((a) => ({ token: a.token, logprob: a.logprob })) }));
    // A refusal has null content; it is stored as an empty answer, as llmcomp does since 1.2.3.
    return { text: c.message?.content ?? '', finishReason, ...(logprobs ? { logprobs } : {}) };
  });
  return { choices, usage: { promptTokens: data.usage?.prompt_tokens ?? 0, completionTokens: data.usage?.completion_tokens ?? 0 } };
}
