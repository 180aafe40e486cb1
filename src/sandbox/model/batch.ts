// Turns token sequences into a padded training batch with a loss mask.

export interface TrainingSequence {
  tokens: readonly number[];
  /** Per target position (tokens[i+1]) whether it counts in the loss; default: every position. */
  lossMask?: readonly boolean[];
}

export interface Batch {
  batch: number;
  length: number;
  ids: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
  /** Number of positions that count in the loss. */
  counted: number;
}

/** The length a batch of these sequences has: the longest input, at most the context. */
export function batchLength(sequences: readonly TrainingSequence[], context: number): number {
  return Math.min(context, Math.max(...sequences.map((s) => s.tokens.length - 1)));
}

/**
 * Inputs are tokens[0..n-2], targets tokens[1..n-1], right-padded to the longest sequence, or to
 * `shape` (more rows and a longer length, all padding that counts nothing: a causal model's loss
 * and gradients are unchanged by it).
 */
export function makeBatch(sequences: readonly TrainingSequence[], pad: number, context: number, shape?: { rows: number; length: number }): Batch {
  const length = shape?.length ?? batchLength(sequences, context);
  const rows = shape?.rows ?? sequences.length;
  const n = rows * length;
  const ids = new Int32Array(n).fill(pad);
  const targets = new Int32Array(n).fill(pad);
  const weights = new Float32Array(n);
  let counted = 0;
  sequences.forEach((s, b) => {
    const steps = Math.min(length, s.tokens.length - 1);
    for (let t = 0; t < steps; t++) {
      ids[b * length + t] = s.tokens[t]!;
      targets[b * length + t] = s.tokens[t + 1]!;
      if (s.lossMask ? s.lossMask[t] : true) {
        weights[b * length + t] = 1;
        counted += 1;
      }
    }
  });
  return { batch: rows, length, ids, targets, weights, counted };
}
