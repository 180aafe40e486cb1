// Token ranks of an encoding, looked up exactly as gpt-tokenizer 4.0.0 looks them up.
import { createRequire } from 'node:module';
import type { Encoding } from '../models.js';
import type { MergeTable } from './bpe-merge.js';
import { PairRankCache } from './pair-cache.js';

type RankList = readonly (string | readonly number[])[];
const require = createRequire(import.meta.url);
/** Each encoding's rank list (a few MB) is read only when that encoding is first used: `weirdgen` starts without them. */
const RANK_MODULES: Record<Encoding, string> = { o200k_base: 'gpt-tokenizer/bpeRanks/o200k_base', cl100k_base: 'gpt-tokenizer/bpeRanks/cl100k_base' };
const loadRanks = (encoding: Encoding): RankList => (require(RANK_MODULES[encoding]) as { default: RankList }).default;
const BOM = '\uFEFF';
const BOM_BYTES = '\xEF\xBB\xBF';
const ASCII = /^[\x00-\x7F]*$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of `text` as a latin1 string (one char per byte); lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Bytes(text: string): string {
  return ASCII.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

export interface ByteRanks extends MergeTable {
  /** The rank of a whole pre-token: gpt-tokenizer's shortcut, a lookup of the string itself. */
  pieceRank(piece: string): number | undefined;
}

/**
 * gpt-tokenizer looks a whole pre-token up among its string entries; inside the merge loop it looks
 * bytes up in two ways: valid UTF-8 is decoded (by a TextDecoder, which drops one leading BOM) and
 * looked up among the string entries, anything else among the byte-array entries. One map of bytes
 * gives the same answers: each string entry under a BOM plus its UTF-8 bytes and, when it does not
 * itself start with a BOM, under its bytes (the bytes of one that does decode to the entry without
 * it, found under that entry's BOM key); each byte-array entry that is not valid UTF-8 under its
 * bytes (those that are valid UTF-8, 9 BOM-prefixed ones in o200k_base, gpt-tokenizer never
 * reaches). Keys cannot collide: valid and invalid UTF-8 differ, and only entries without a leading
 * BOM get a key without one.
 */
function build(ranks: readonly (string | readonly number[])[]): ByteRanks {
  const strings = new Map<string, number>();
  const bytes = new Map<string, number>();
  const lengths = new Int32Array(ranks.length);
  ranks.forEach((entry, rank) => {
    if (typeof entry === 'string') strings.set(entry, rank);
    else if (!isUtf8(entry)) bytes.set(String.fromCharCode(...entry), rank);
    if (typeof entry !== 'string') lengths[rank] = entry.length;
  });
  for (const [text, rank] of strings) {
    const encoded = utf8Bytes(text);
    lengths[rank] = encoded.length;
    bytes.set(BOM_BYTES + encoded, rank);
    if (!text.startsWith(BOM)) bytes.set(encoded, rank);
  }
  return {
    pieceRank: (piece) => strings.get(piece),
    rankOf: (key) => bytes.get(key),
    byteLength: (rank) => lengths[rank]!,
    byteRanks: Int32Array.from({ length: 256 }, (_, byte) => bytes.get(String.fromCharCode(byte)) ?? -1),
    vocabularySize: ranks.length,
    pairRanks: new PairRankCache(),
  };
}

function isUtf8(entry: readonly number[]): boolean {
  try {
    strictUtf8.decode(new Uint8Array(entry));
    return true;
  } catch {
    return false;
  }
}

const built = new Map<Encoding, ByteRanks>();

/** Built on first use and kept. */
export function byteRanks(encoding: Encoding): ByteRanks {
  let table = built.get(encoding);
  if (!table) built.set(encoding, (table = build(loadRanks(encoding))));
  return table;
}
