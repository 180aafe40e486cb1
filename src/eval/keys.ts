// Cache keys. A response is keyed per sample index, so raising N asks only for the new samples and
// repeated samples are never collapsed; each sample sends a seed derived from its key.
import { canonicalJson } from '../util/canonical-json.js';
import { createHash } from 'node:crypto';
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

/**
 * The keys of one material's samples: `callKey({...material, sampleIx})` for each index, with the
 * canonical text and the hash of everything before the index computed once.
 */
export function sampleKeys(material: Omit<CallMaterial, 'sampleIx'>): (sampleIx: number) => string {
  const parts = canonicalJson({ ...material, sampleIx: 0 }).split('"sampleIx":0');
  // Message text is escaped in canonical JSON, so the member appears once; anything else is keyed in full.
  if (parts.length !== 2) return (sampleIx) => callKey({ ...material, sampleIx });
  const [before, after] = parts as [string, string];
  const prefix = createHash('sha256').update(`${before}"sampleIx":`);
  return (sampleIx) => prefix.copy().update(`${sampleIx}${after}`).digest('hex');
}
