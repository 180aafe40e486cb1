// A provider's ChatResponse as OpenAI's chat.completion object, checked against the SDK's own types.
import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionTokenLogprob } from 'openai/resources/chat/completions';
import type { ChatChoice, ChatResponse, TokenLogprob } from '../providers/index.js';
import type { ChatBody } from './chat-request.js';

export function completionId(): string {
  return `chatcmpl-${randomUUID().replaceAll('-', '')}`;
}

function bytes(token: string): number[] {
  return Array.from(Buffer.from(token, 'utf8'));
}

/** A token's logprob in OpenAI's shape, with the UTF-8 bytes of the token and of each alternative. */
export function tokenLogprob(lp: TokenLogprob, top: number): ChatCompletionTokenLogprob {
  return {
    token: lp.token,
    logprob: lp.logprob,
    bytes: bytes(lp.token),
    top_logprobs: lp.top.slice(0, top).map((t) => ({ token: t.token, logprob: t.logprob, bytes: bytes(t.token) })),
  };
}

export function finishReason(reason: ChatChoice['finishReason']): ChatCompletion.Choice['finish_reason'] {
  return reason === 'other' ? 'stop' : reason;
}

export function toChatCompletion(response: ChatResponse, body: ChatBody, created = Math.floor(Date.now() / 1000)): ChatCompletion {
  const { promptTokens, completionTokens } = response.usage;
  return {
    id: completionId(),
    object: 'chat.completion',
    created,
    model: body.model,
    choices: response.choices.map((choice, index) => ({
      index,
      message: { role: 'assistant', content: choice.text, refusal: null },
      logprobs: body.topLogprobs === undefined ? null : { content: (choice.logprobs ?? []).map((lp) => tokenLogprob(lp, body.topLogprobs ?? 0)), refusal: null },
      finish_reason: finishReason(choice.finishReason),
    })),
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/** The first bytes of a chat.completion, cut mid-string: what a client sees when a proxy drops a connection. */
export function truncatedCompletion(model: string, created = Math.floor(Date.now() / 1000)): string {
  return `{"id":"${completionId()}","object":"chat.completion","created":${created},"model":${JSON.stringify(model)},"choices":[{"index":0,"message":{"role":"assistant","content":"`;
}
