// A rough token count for rate limits (about 4 characters a token, plus the chat format's
// overhead), as rate limiters estimate before any tokenizer runs.
import type { ChatMessage } from './types.js';

export function estimatePromptTokens(messages: readonly Pick<ChatMessage, 'content'>[]): number {
  return 3 + messages.reduce((sum, m) => sum + 4 + Math.ceil(m.content.length / 4), 0);
}
