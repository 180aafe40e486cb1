// An OpenAI chat.completion.chunk as ChatStreamEvents: the text and logprobs of each choice, how it ended, usage.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChatChoice, ChatStreamEvent, TokenLogprob } from './types.js';

function finishReason(reason: string): ChatChoice['finishReason'] {
  return reason === 'stop' || reason === 'length' || reason === 'content_filter' ? reason : 'other';
}

function logprobsOf(choice: ChatCompletionChunk.Choice): TokenLogprob[] | undefined {
  return choice.logprobs?.content?.map((t) => ({ token: t.token, logprob: t.logprob, top: (t.top_logprobs ?? []).map((a) => ({ token: a.token, logprob: a.logprob })) }));
}

export function* chunkEvents(chunk: ChatCompletionChunk): Generator<ChatStreamEvent> {
  for (const choice of chunk.choices ?? []) {
    const text = choice.delta?.content ?? '';
    const logprobs = logprobsOf(choice);
    if (text !== '' || (logprobs && logprobs.length > 0)) yield { type: 'delta', index: choice.index, text, ...(logprobs ? { logprobs } : {}) };
    if (choice.finish_reason) yield { type: 'finish', index: choice.index, finishReason: finishReason(choice.finish_reason) };
  }
  if (chunk.usage) yield { type: 'usage', usage: { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens } };
}
