// How the sandbox picks a next token: OpenAI's sampling parameters over one next-token distribution.
import type { Rng } from '../../util/random.js';

/** OpenAI's sampling parameters; absent ones leave the distribution as the model gave it. */
export interface SamplingOptions {
  /** 0 picks the most likely token. */
  temperature: number;
  /** Nucleus sampling: only the most likely tokens whose probabilities (at the temperature) sum to top_p. */
  topP?: number;
  /** Subtracted from a token's logit once per earlier occurrence in this completion. */
  frequencyPenalty?: number;
  /** Subtracted from a token's logit once if it occurred earlier in this completion. */
  presencePenalty?: number;
  /** Token id -> bias added to its logit (-100 bans a token, 100 all but forces it). */
  logitBias?: ReadonlyMap<number, number>;
}

function needsAdjusting(options: SamplingOptions, generated: readonly number[]): boolean {
  const penalised = generated.length > 0 && ((options.frequencyPenalty ?? 0) !== 0 || (options.presencePenalty ?? 0) !== 0);
  return penalised || (options.logitBias?.size ?? 0) > 0;
}

/**
 * The distribution after logit_bias and the penalties, as log-probabilities (OpenAI's formula:
 * mu[j] - c[j] * frequency_penalty - (c[j] > 0) * presence_penalty + bias[j], c[j] counting token j
 * among the tokens generated so far). The model's own distribution when nothing applies.
 */
export function adjustedLogprobs(logprobs: Float32Array, options: SamplingOptions, generated: readonly number[]): Float32Array {
  if (!needsAdjusting(options, generated)) return logprobs;
  const logits = Float64Array.from(logprobs);
  const counts = new Map<number, number>();
  for (const token of generated) counts.set(token, (counts.get(token) ?? 0) + 1);
  for (const [token, count] of counts) logits[token]! -= count * (options.frequencyPenalty ?? 0) + (options.presencePenalty ?? 0);
  for (const [token, bias] of options.logitBias ?? []) if (token >= 0 && token < logits.length) logits[token]! += bias;
  let max = -Infinity;
  for (const l of logits) max = Math.max(max, l);
  let total = 0;
  for (const l of logits) total += Math.exp(l - max);
  const norm = max + Math.log(total);
  return Float32Array.from(logits, (l) => l - norm);
}

function argmax(logprobs: Float32Array): number {
  let best = 0;
  for (let i = 1; i < logprobs.length; i++) if (logprobs[i]! > logprobs[best]!) best = i;
  return best;
}

/** Zeroes every weight outside the nucleus: the fewest most likely tokens whose share reaches topP. */
function keepNucleus(weights: Float64Array, total: number, topP: number): number {
  const order = Array.from(weights.keys()).sort((a, b) => weights[b]! - weights[a]! || a - b);
  let mass = 0;
  let kept = 0;
  for (const token of order) {
    if (kept > 0 && mass >= topP * total) weights[token] = 0;
    else {
      mass += weights[token]!;
      kept += 1;
    }
  }
  return mass;
}

/** One token from `logprobs` (already adjusted) at the temperature, within the nucleus. */
export function pickToken(logprobs: Float32Array, options: SamplingOptions, rng: Rng): number {
  if (options.temperature <= 0) return argmax(logprobs);
  let max = -Infinity;
  for (const lp of logprobs) max = Math.max(max, lp / options.temperature);
  let total = 0;
  const weights = new Float64Array(logprobs.length);
  for (let i = 0; i < logprobs.length; i++) total += weights[i] = Math.exp(logprobs[i]! / options.temperature - max);
  if (options.topP !== undefined && options.topP < 1) total = keepNucleus(weights, total, options.topP);
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0 && (r -= weights[i]!) < 0) return i;
  // Rounding left r at about 0: the last token that could be drawn.
  for (let i = weights.length - 1; i > 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

/** The k most likely tokens, most likely first. */
export function topK(logprobs: Float32Array, k: number): { token: number; logprob: number }[] {
  if (k <= 0) return [];
  return Array.from(logprobs, (logprob, token) => ({ token, logprob }))
    .sort((a, b) => b.logprob - a.logprob)
    .slice(0, k);
}
