// Token counts with OpenAI's tokenizers, including the chat format's per-message overhead.
import { EndOfPrompt, EndOfText, FimMiddle, FimPrefix, FimSuffix, ImEnd, ImSep, ImStart } from 'gpt-tokenizer/specialTokens';
import type { ChatMessage } from '../chat/schema.js';
import type { Encoding } from '../models.js';
import { countTokensLinear } from './linear-count.js';

/**
 * Reserved strings of OpenAI's tokenizers (o200k_base and cl100k_base share them); a training file
 * containing one is rejected by OpenAI.
 */
export const SPECIAL_TOKENS: readonly string[] = [EndOfText, FimPrefix, FimMiddle, FimSuffix, ImStart, ImEnd, ImSep, EndOfPrompt];

/**
 * gpt-tokenizer's count (special tokens inside data count as the plain text they are; the validator
 * reports them), computed in O(n log n) even for one huge unbroken word (linear-count.ts).
 */
export function countTextTokens(text: string, encoding: Encoding): number {
  return countTokensLinear(text, encoding);
}

// The chat format adds 3 tokens per message, 1 more for a name, and 3 to prime the reply
// (OpenAI cookbook, "How to count tokens with tiktoken").
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;

/** Tokens of a chat conversation in `encoding`, with the chat format's overhead (3 per message, 1 per name, 3 for the reply). */
export function countChatTokens(messages: readonly ChatMessage[], encoding: Encoding): number {
  let total = REPLY_PRIMING;
  for (const m of messages) {
    total += PER_MESSAGE + countTextTokens(m.role, encoding) + countTextTokens(m.content, encoding);
    if (m.name !== undefined) total += PER_NAME + countTextTokens(m.name, encoding);
  }
  return total;
}

/**
 * An upper bound of `countChatTokens` that needs no tokenizer: a token covers at least one byte,
 * so a text has at most as many tokens as UTF-8 bytes.
 */
export function chatTokenBound(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING;
  for (const m of messages) {
    total += PER_MESSAGE + Buffer.byteLength(m.role) + Buffer.byteLength(m.content);
    if (m.name !== undefined) total += PER_NAME + Buffer.byteLength(m.name);
  }
  return total;
}

export function findSpecialToken(text: string): string | undefined {
  if (!text.includes('<|')) return undefined;
  return SPECIAL_TOKENS.find((t) => text.includes(t));
}
