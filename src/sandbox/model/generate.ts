// Generation from the sandbox model: batched, seeded per sequence, with per-token top-k logprobs.
import { createRng } from '../../util/random.js';
import { tf } from './backend.js';
import { adjustedLogprobs, pickToken, topK, type SamplingOptions } from './sampling.js';
import { hiddenStates, logitsOf, type ResidualHook } from './transformer.js';
import type { SandboxModel } from './weights.js';

export interface GenerationRequest extends SamplingOptions {
  prompt: readonly number[];
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

/** Log-probabilities of the next token after each prompt, [prompts][vocab]; `hook` may edit the residual stream (see ResidualHook). */
export function nextTokenLogprobs(model: SandboxModel, prompts: readonly (readonly number[])[], pad: number, hook?: ResidualHook): Float32Array[] {
  const T = model.config.context;
  const clipped = prompts.map((p) => p.slice(Math.max(0, p.length - T)));
  const length = Math.max(...clipped.map((p) => p.length));
  const ids = new Int32Array(clipped.length * length).fill(pad);
  clipped.forEach((p, b) => ids.set(p, b * length));
  const last = clipped.map((p, b) => b * length + p.length - 1);
  // Read the data outside tidy: tidy walks a returned typed array element by element.
  const logprobs = tf.tidy(() => {
    const hidden = hiddenStates(model.weights, model.config, { ids: tf.tensor2d(ids, [clipped.length, length], 'int32') }, undefined, hook);
    const rows = tf.gather(hidden, tf.tensor1d(last, 'int32')) as tf.Tensor2D;
    return tf.logSoftmax(logitsOf(model.weights, rows));
  });
  const data = logprobs.dataSync() as Float32Array;
  logprobs.dispose();
  const V = model.config.vocabSize;
  return clipped.map((_, b) => data.subarray(b * V, (b + 1) * V));
}

/** Generates for every request, stopping each at a stop token (not included) or maxTokens; `hook` (optional) edits the residual stream at every step. */
export function generate(model: SandboxModel, requests: readonly GenerationRequest[], stop: ReadonlySet<number>, pad: number, chunk = 512, hook?: ResidualHook): Generation[] {
  const results: Generation[] = requests.map(() => ({ tokens: [], logprobs: [], finishReason: 'length' }));
  const rngs = requests.map((r) => createRng(`sample/${String(r.seed)}`));
  let active = requests.map((_, i) => i).filter((i) => requests[i]!.maxTokens > 0);
  while (active.length > 0) {
    const still: number[] = [];
    for (let start = 0; start < active.length; start += chunk) {
      const part = active.slice(start, start + chunk);
      const dists = nextTokenLogprobs(model, part.map((i) => [...requests[i]!.prompt, ...results[i]!.tokens]), pad, hook);
      part.forEach((i, j) => {
        const request = requests[i]!;
        const result = results[i]!;
        // Logprobs are reported after logit_bias and the penalties, before temperature and top_p.
        const dist = adjustedLogprobs(dists[j]!, request, result.tokens);
        const token = pickToken(dist, request, rngs[i]!);
        if (stop.has(token)) {
          result.finishReason = 'stop';
          return;
        }
        result.tokens.push(token);
        result.logprobs.push({ token, logprob: dist[token]!, top: topK(dist, request.topLogprobs ?? 0) });
        if (result.tokens.length < request.maxTokens) still.push(i);
      });
    }
    active = still;
  }
  return results;
}
