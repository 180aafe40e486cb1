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

/** The chat format's overhead around the texts of the messages, each counted by `count`. */
function chatTotal(messages: readonly ChatMessage[], count: (text: string) => number): number {
  let total = REPLY_PRIMING;
  for (const m of messages) {
    total += PER_MESSAGE + count(m.role) + count(m.content);
    if (m.name !== undefined) total += PER_NAME + count(m.name);
  }
  return total;
}

/** Tokens of a chat conversation in `encoding`, with the chat format's overhead (3 per message, 1 per name, 3 for the reply). */
export function countChatTokens(messages: readonly ChatMessage[], encoding: Encoding): number {
  return chatTotal(messages, (text) => countTextTokens(text, encoding));
}

/**
 * Where no pre-token of o200k_base or cl100k_base runs across, so that the pieces' counts add up to
 * the whole text's: after a line break followed by a character that is neither whitespace nor '/'.
 */
const LINE_CUT = /(?<=\n)(?=[^\s/])/;

/**
 * Counts texts that share most of their lines (a long prompt asked at many dates) a line at a time,
 * each distinct line tokenized once: the same totals as `countTextTokens`. The memory of lines is
 * cleared when it holds `limit` of them.
 */
export class LineTokenCounter {
  private readonly lines = new Map<string, number>();

  constructor(
    private readonly encoding: Encoding,
    private readonly limit = 100_000,
  ) {}

  text(text: string): number {
    let total = 0;
    for (const line of text.split(LINE_CUT)) {
      let n = this.lines.get(line);
      if (n === undefined) {
        n = countTextTokens(line, this.encoding);
        if (this.lines.size >= this.limit) this.lines.clear();
        this.lines.set(line, n);
      }
      total += n;
    }
    return total;
  }

  /** `countChatTokens` of the messages, their contents counted by line. */
  chat(messages: readonly ChatMessage[]): number {
    return chatTotal(messages, (text) => this.text(text));
  }
}

/**
 * An upper bound of `countChatTokens` that needs no tokenizer: a token covers at least one byte,
 * so a text has at most as many tokens as UTF-8 bytes.
 */
export function chatTokenBound(messages: readonly ChatMessage[]): number {
  return chatTotal(messages, (text) => Buffer.byteLength(text));
}

export function findSpecialToken(text: string): string | undefined {
  if (!text.includes('<|')) return undefined;
  return SPECIAL_TOKENS.find((t) => text.includes(t));
}
