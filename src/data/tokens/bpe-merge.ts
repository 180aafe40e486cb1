// Byte-pair merging in near-linear time: the merges of gpt-tokenizer's (and tiktoken's) quadratic loop, in the same order.
import type { PairRankCache } from './pair-cache.js';
import { PairQueue } from './pair-queue.js';

/** The token table the merge consults. */
export interface MergeTable {
  /** The rank of a byte sequence (UTF-8 bytes as a latin1 string), or undefined when it is no token. */
  rankOf(bytes: string): number | undefined;
  /** How many bytes the token of this rank has. */
  byteLength(rank: number): number;
  /** The rank of each single byte (every byte is a token), by its value. */
  readonly byteRanks: Int32Array;
  /** One more than the highest rank. */
  readonly vocabularySize: number;
  /** Ranks of joined pairs by their parts' ranks (-1: no token), kept with the table. */
  readonly pairRanks: PairRankCache;
}

const NO_PAIR = -1;
// Pre-tokens up to this many bytes take the reference loop: quadratic, but with less to set up.
const SHORT = 32;
// The fields of a node (a part, named by its first byte): the next part's start, the previous
// part's start, the rank of the pair it starts (NO_PAIR, also once merged away), its own rank (-1
// when its bytes are not that token's own).
const NODE = 4;
const NEXT = 0;
const PREV = 1;
const PAIR = 2;
const PART_RANK = 3;

/**
 * How many tokens byte-pair encoding leaves of `bytes` (one pre-token's UTF-8 bytes as a latin1 string).
 *
 * The reference loop merges, again and again, the adjacent pair of parts whose joined bytes have the
 * lowest rank (the leftmost on ties) until no adjacent pair is a token, rescanning every pair each
 * time: quadratic in a long pre-token such as 100,000 copies of "y". A pre-token of up to SHORT bytes
 * still takes that loop (it has less to set up); in a longer one the parts are a linked list
 * and every pair's (rank, start) goes into a priority queue when the pair forms; a taken entry that
 * no longer matches its pair (the pair changed rank, or its part was merged away) is skipped. The
 * lowest valid entry is exactly the pair the reference loop picks (starts order pairs as their
 * indexes do), so the same merges happen in the same order and leave the same parts.
 *
 * A pair's rank depends only on the bytes of its two parts, which a part's rank names when the part
 * has that token's length (gpt-tokenizer also finds a token under a BOM plus its bytes), so such
 * pairs are looked up by the two ranks, not by their bytes.
 */
export function countMergedParts(bytes: string, table: MergeTable): number {
  return bytes.length <= SHORT ? mergeShort(bytes, table) : mergeLong(bytes, table);
}

/** The rank of the pair of parts `bytes[start, middle)` and `bytes[middle, end)` with these ranks (-1: not their token's bytes). */
function pairRank(bytes: string, start: number, end: number, left: number, right: number, table: MergeTable): number {
  if (left < 0 || right < 0) return table.rankOf(bytes.slice(start, end)) ?? NO_PAIR;
  let rank = table.pairRanks.get(left, right);
  if (rank === undefined) table.pairRanks.set(left, right, (rank = table.rankOf(bytes.slice(start, end)) ?? NO_PAIR));
  return rank;
}

/** A part's rank after a merge into `rank` over `length` bytes: -1 when the bytes are not that token's own. */
function mergedRank(rank: number, length: number, table: MergeTable): number {
  return table.byteLength(rank) === length ? rank : -1;
}

/** The reference loop on at most SHORT bytes: parts as arrays of starts and ranks, shifted on each merge. */
function mergeShort(bytes: string, table: MergeTable): number {
  if (bytes.length <= 1) return bytes.length;
  const { starts, ranks, pairs } = short;
  let parts = bytes.length;
  for (let i = 0; i < parts; i++) {
    starts[i] = i;
    ranks[i] = table.byteRanks[bytes.charCodeAt(i)]!;
  }
  starts[parts] = parts;
  for (let i = 0; i + 1 < parts; i++) pairs[i] = pairRank(bytes, starts[i]!, starts[i + 2]!, ranks[i]!, ranks[i + 1]!, table);
  for (;;) {
    let at = -1;
    for (let i = 0; i + 1 < parts; i++) if (pairs[i]! >= 0 && (at < 0 || pairs[i]! < pairs[at]!)) at = i;
    if (at < 0) return parts;
    ranks[at] = mergedRank(pairs[at]!, starts[at + 2]! - starts[at]!, table);
    starts.copyWithin(at + 1, at + 2, parts + 1);
    ranks.copyWithin(at + 1, at + 2, parts);
    pairs.copyWithin(at, at + 1, parts - 1);
    parts -= 1;
    if (at + 1 < parts) pairs[at] = pairRank(bytes, starts[at]!, starts[at + 2]!, ranks[at]!, ranks[at + 1]!, table);
    if (at > 0) pairs[at - 1] = pairRank(bytes, starts[at - 1]!, starts[at + 1]!, ranks[at - 1]!, ranks[at]!, table);
  }
}

/** The merge of a long pre-token: its parts as a linked list, its pairs in the queue. */
function mergeLong(bytes: string, table: MergeTable): number {
  const n = bytes.length;
  const { nodes, queue } = scratch.take(n);

  const rankOfPair = (start: number): number => {
    const middle = nodes[start * NODE + NEXT]!;
    if (middle >= n) return NO_PAIR;
    const end = nodes[middle * NODE + NEXT]!;
    return pairRank(bytes, start, end, nodes[start * NODE + PART_RANK]!, nodes[middle * NODE + PART_RANK]!, table);
  };
  const update = (start: number): void => {
    const rank = rankOfPair(start);
    nodes[start * NODE + PAIR] = rank;
    if (rank !== NO_PAIR) queue.push(rank, start);
  };

  for (let i = 0; i < n; i++) {
    nodes[i * NODE + NEXT] = i + 1;
    nodes[i * NODE + PREV] = i - 1;
    nodes[i * NODE + PART_RANK] = table.byteRanks[bytes.charCodeAt(i)]!;
  }
  for (let i = 0; i < n; i++) nodes[i * NODE + PAIR] = rankOfPair(i);
  queue.reset(nodes, NODE, PAIR, n, table.vocabularySize);

  let parts = n;
  while (queue.take()) {
    const { rank, start } = queue;
    const at = start * NODE;
    if (nodes[at + PAIR] !== rank) continue;
    const gone = nodes[at + NEXT]!;
    const after = nodes[gone * NODE + NEXT]!;
    nodes[gone * NODE + PAIR] = NO_PAIR;
    nodes[at + NEXT] = after;
    if (after < n) nodes[after * NODE + PREV] = start;
    parts -= 1;
    nodes[at + PART_RANK] = mergedRank(rank, after - start, table);
    update(start);
    const before = nodes[at + PREV]!;
    if (before >= 0) update(before);
  }
  return parts;
}

/**
 * Working arrays kept from one merge to the next (merges are synchronous and never nest); fresh
 * memory, not arithmetic, is what a merge of a megabyte would spend most of its time on.
 */
class MergeScratch {
  /** A node per byte, NODE int32s each, side by side: the merge touches all four fields of a node at once. */
  nodes = new Int32Array(0);
  readonly queue = new PairQueue();

  take(n: number): this {
    if (this.nodes.length < n * NODE) this.nodes = new Int32Array(Math.max(n, this.nodes.length / NODE * 2, 256) * NODE);
    return this;
  }
}

const scratch = new MergeScratch();
const short = { starts: new Int32Array(SHORT + 1), ranks: new Int32Array(SHORT), pairs: new Int32Array(SHORT) };
