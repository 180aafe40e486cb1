// Streams of chat answers: any provider's answer as ChatStreamEvents, natively or all at once.
import type { ChatChoice, ChatRequest, ChatResponse, ChatStreamEvent, Provider, TokenLogprob, Usage } from './types.js';

/** A piece of a choice's text as it is streamed, with the logprobs of its tokens. */
export interface StreamPart {
  text: string;
  logprobs?: TokenLogprob[];
}

export interface StreamedChoice {
  parts: StreamPart[];
  finishReason: ChatChoice['finishReason'];
}

/** The choices' parts interleaved as generation produces them (part t of every choice, then t + 1), then each finish, then usage. */
export function* choiceEvents(choices: readonly StreamedChoice[], usage: Usage): Generator<ChatStreamEvent> {
  const longest = Math.max(0, ...choices.map((c) => c.parts.length));
  for (let t = 0; t < longest; t++) {
    for (const [index, choice] of choices.entries()) {
      const part = choice.parts[t];
      if (part) yield { type: 'delta', index, text: part.text, ...(part.logprobs ? { logprobs: part.logprobs } : {}) };
    }
  }
  for (const [index, choice] of choices.entries()) yield { type: 'finish', index, finishReason: choice.finishReason };
  yield { type: 'usage', usage };
}

/** A whole response as one part per choice. */
export function responseEvents(response: ChatResponse): Generator<ChatStreamEvent> {
  const choices = response.choices.map((c) => ({ parts: [{ text: c.text, ...(c.logprobs ? { logprobs: c.logprobs } : {}) }], finishReason: c.finishReason }));
  return choiceEvents(choices, response.usage);
}

/** The provider's own stream, or its whole answer streamed at once. */
export function streamChat(provider: Provider, request: ChatRequest, signal?: AbortSignal): AsyncIterable<ChatStreamEvent> {
  if (provider.chatStream) return provider.chatStream(request, signal);
  return (async function* () {
    yield* responseEvents(await provider.chat(request, signal));
  })();
}
