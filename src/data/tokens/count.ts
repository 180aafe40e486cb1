// Token counts with OpenAI's tokenizers, including the chat format's per-message overhead.
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatMessage } from '../chat/schema.js';
import type { Encoding } from '../models.js';

const ENCODERS: Record<Encoding, (text: string) => number> = {
  // Special tokens inside data are counted as the plain text they are; the validator reports them.
  o200k_base: (text) => o200k.encode(text, { disallowedSpecial: new Set() }).length,
  cl100k_base: (text) => cl100k.encode(text, { disallowedSpecial: new Set() }).length,
};

/**
 * Reserved strings of OpenAI's tokenizers (o200k_base and cl100k_base share them); a training file
 * containing one is rejected by OpenAI.
 */
export const SPECIAL_TOKENS: readonly string[] = [
  o200k.EndOfText, o200k.FimPrefix, o200k.FimMiddle, o200k.FimSuffix, o200k.ImStart, o200k.ImEnd, o200k.ImSep, o200k.EndOfPrompt,
];

export function countTextTokens(text: string, encoding: Encoding): number {
  return ENCODERS[encoding](text);
}

// The chat format adds 3 tokens per message, 1 more for a name, and 3 to prime the reply
// (OpenAI cookbook, "How to count tokens with tiktoken").
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;

export function countChatTokens(messages: readonly ChatMessage[], encoding: Encoding): number {
  let total = REPLY_PRIMING;
  for (const m of messages) {
    total += PER_MESSAGE + countTextTokens(m.role, encoding) + countTextTokens(m.content, encoding);
    if (m.name !== undefined) total += PER_NAME + countTextTokens(m.name, encoding);
  }
  return total;
}

export function findSpecialToken(text: string): string | undefined {
  if (!text.includes('<|')) return undefined;
  return SPECIAL_TOKENS.find((t) => text.includes(t));
}
