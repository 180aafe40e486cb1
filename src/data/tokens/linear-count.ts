// Token counts in O(n log n) for texts of any shape: gpt-tokenizer's pre-tokens, merged by countMergedParts.
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import type { Encoding } from '../models.js';
import { countMergedParts } from './bpe-merge.js';
import { byteRanks, utf8Bytes } from './byte-ranks.js';

const SPLIT: Record<Encoding, RegExp> = { o200k_base: O200K_TOKEN_SPLIT_REGEX, cl100k_base: CL100K_TOKEN_SPLIT_REGEX };

// Merged counts of recent short pre-tokens (rare words repeat); the oldest goes first when full.
const CACHE_LIMIT = 50_000;
const CACHED_PIECE_LENGTH = 64;
const merged: Record<Encoding, Map<string, number>> = { o200k_base: new Map(), cl100k_base: new Map() };

/**
 * The number of tokens gpt-tokenizer's `countTokens(text, { disallowedSpecial: new Set() })` gives,
 * computed its way (with no special token allowed it splits the whole text with the encoding's
 * regex; each pre-token counts 1 when it is a token, else its byte-pair merge), with a merge that
 * stays fast on one huge pre-token.
 */
export function countTokensLinear(text: string, encoding: Encoding): number {
  const ranks = byteRanks(encoding);
  const cache = merged[encoding];
  let count = 0;
  for (const [piece] of text.matchAll(SPLIT[encoding])) {
    if (ranks.pieceRank(piece) !== undefined) {
      count += 1;
      continue;
    }
    const known = cache.get(piece);
    if (known !== undefined) {
      count += known;
      continue;
    }
    const parts = countMergedParts(utf8Bytes(piece), ranks);
    if (piece.length <= CACHED_PIECE_LENGTH) {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(piece, parts);
    }
    count += parts;
  }
  return count;
}
