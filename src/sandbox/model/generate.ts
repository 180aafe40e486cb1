// Sampling from the sandbox model: batched, seeded per sequence, with per-token top-k logprobs.
import { createRng, type Rng } from '../../util/random.js';
import { tf } from './backend.js';
import { hiddenStates, logitsOf } from './transformer.js';
import type { SandboxModel } from './weights.js';

export interface GenerationRequest {
  prompt: readonly number[];
  /** 0 picks the most likely token. */
  temperature: number;
  maxTokens: number;
  seed: number | string;
  /** How many alternatives to report per generated token (0: none). */
  topLogprobs?: number;
}

export interface TokenLogprob {
  token: number;
  logprob: number;
  top: { token: number; logprob: number }[];
}

export interface Generation {
  tokens: number[];
  logprobs: TokenLogprob[];
  finishReason: 'stop' | 'length';
}

/** Log-probabilities of the next token after each prompt, [prompts][vocab]. */
export function nextTokenLogprobs(model: SandboxModel, prompts: readonly (readonly number[])[], pad: number): Float32Array[] {
  const T = model.config.context;
  const clipped = prompts.map((p) => p.slice(Math.max(0, p.length - T)));
  const length = Math.max(...clipped.map((p) => p.length));
  const ids = new Int32Array(clipped.length * length).fill(pad);
  clipped.forEach((p, b) => ids.set(p, b * length));
  const last = clipped.map((p, b) => b * length + p.length - 1);
  // Read the data outside tidy: tidy walks a returned typed array element by element.
  const logprobs = tf.tidy(() => {
    const hidden = hiddenStates(model.weights, model.config, { ids: tf.tensor2d(ids, [clipped.length, length], 'int32') });
    const rows = tf.gather(hidden, tf.tensor1d(last, 'int32')) as tf.Tensor2D;
    return tf.logSoftmax(logitsOf(model.weights, rows));
  });
  const data = logprobs.dataSync() as Float32Array;
  logprobs.dispose();
  const V = model.config.vocabSize;
  return clipped.map((_, b) => data.subarray(b * V, (b + 1) * V));
}

function pick(logprobs: Float32Array, temperature: number, rng: Rng): number {
  if (temperature <= 0) {
    let best = 0;
    for (let i = 1; i < logprobs.length; i++) if (logprobs[i]! > logprobs[best]!) best = i;
    return best;
  }
  let max = -Infinity;
  for (const lp of logprobs) max = Math.max(max, lp / temperature);
  let total = 0;
  const weights = new Float64Array(logprobs.length);
  for (let i = 0; i < logprobs.length; i++) total += weights[i] = Math.exp(logprobs[i]! / temperature - max);
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return i;
  return weights.length - 1;
}

function topK(logprobs: Float32Array, k: number): { token: number; logprob: number }[] {
  if (k <= 0) return [];
  return Array.from(logprobs, (logprob, token) => ({ token, logprob }))
    .sort((a, b) => b.logprob - a.logprob)
    .slice(0, k);
}

/** Generates for every request, stopping each at a stop token (not included) or maxTokens. */
export function generate(model: SandboxModel, requests: readonly GenerationRequest[], stop: ReadonlySet<number>, pad: number, chunk = 512): Generation[] {
  const results: Generation[] = requests.map(() => ({ tokens: [], logprobs: [], finishReason: 'length' }));
  const rngs = requests.map((r) => createRng(`sample/${String(r.seed)}`));
  let active = requests.map((_, i) => i).filter((i) => requests[i]!.maxTokens > 0);
  while (active.length > 0) {
    const still: number[] = [];
    for (let start = 0; start < active.length; start += chunk) {
      const part = active.slice(start, start + chunk);
      const dists = nextTokenLogprobs(model, part.map((i) => [...requests[i]!.prompt, ...results[i]!.tokens]), pad);
      part.forEach((i, j) => {
        const request = requests[i]!;
        const result = results[i]!;
        const token = pick(dists[j]!, request.temperature, rngs[i]!);
        if (stop.has(token)) {
          result.finishReason = 'stop';
          return;
        }
        result.tokens.push(token);
        result.logprobs.push({ token, logprob: dists[j]![token]!, top: topK(dists[j]!, request.topLogprobs ?? 0) });
        if (result.tokens.length < request.maxTokens) still.push(i);
      });
    }
    active = still;
  }
  return results;
}
