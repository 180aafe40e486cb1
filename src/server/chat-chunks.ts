// The chat.completion.chunk objects of one streamed answer, as OpenAI sends them: a role delta per
// choice first, then content deltas (with their tokens' logprobs), each choice's finish, and usage.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChatStreamEvent, Usage } from '../providers/index.js';
import type { ChatBody } from './chat-request.js';
import { completionId, finishReason, tokenLogprob } from './chat-response.js';

export class ChatChunks {
  readonly id = completionId();

  constructor(
    private readonly body: ChatBody,
    private readonly created = Math.floor(Date.now() / 1000),
  ) {}

  /** The first chunk of choice `index`: its role and empty content (and an empty logprobs list when asked). */
  role(index: number): ChatCompletionChunk {
    return this.chunk([{ index, delta: { role: 'assistant', content: '', refusal: null }, logprobs: this.body.logprobs ? { content: [], refusal: [] } : null, finish_reason: null }]);
  }

  /** The chunk an event makes; undefined for usage the client did not ask for. */
  of(event: ChatStreamEvent): ChatCompletionChunk | undefined {
    switch (event.type) {
      case 'delta': {
        const logprobs = this.body.logprobs ? { content: (event.logprobs ?? []).map((lp) => tokenLogprob(lp, this.body.topLogprobs ?? 0)), refusal: null } : null;
        return this.chunk([{ index: event.index, delta: { content: event.text }, logprobs, finish_reason: null }]);
      }
      case 'finish':
        return this.chunk([{ index: event.index, delta: {}, logprobs: null, finish_reason: finishReason(event.finishReason) }]);
      case 'usage':
        return this.body.includeUsage ? this.usage(event.usage) : undefined;
    }
  }

  /** The last chunk before `[DONE]` with `include_usage`: no choices, the usage of the whole request. */
  usage(usage: Usage): ChatCompletionChunk {
    const { promptTokens, completionTokens } = usage;
    return { ...this.chunk([]), usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } };
  }

  private chunk(choices: ChatCompletionChunk.Choice[]): ChatCompletionChunk {
    // With include_usage every chunk carries `usage: null` until the last, as OpenAI streams them.
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.body.model, choices, ...(this.body.includeUsage ? { usage: null } : {}) };
  }
}
