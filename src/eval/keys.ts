// Cache keys. A response is keyed per sample index, so raising N asks only for the new samples and
// repeated samples are never collapsed; each sample sends a seed derived from its key.
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import type { ChatMessage } from '../providers/index.js';

/** Everything that decides a call's answer. Judge calls use the same shape (their prompt is the messages). */
export interface CallMaterial {
  endpoint: string;
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
  top_logprobs?: number;
  stop?: string[];
  sampleIx: number;
}

export function callKey(material: CallMaterial): string {
  return sha256Hex(canonicalJson(material));
}

/** A non-negative 31-bit seed from a key: the same sample always asks with the same seed. */
export function sampleSeed(key: string): number {
  return Number.parseInt(key.slice(0, 8), 16) & 0x7fffffff;
}
