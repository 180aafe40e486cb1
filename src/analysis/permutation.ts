// Two-group permutation test on the difference of means (seeded).
import { createRng } from '../util/random.js';
import { mean } from './bootstrap.js';

export interface PermutationResult {
  /** mean(a) - mean(b) */
  difference: number;
  /** Two-sided, with the +1 correction so it is never 0. */
  pValue: number;
  resamples: number;
}

/**
 * A seeded two-sided permutation test of mean(a) - mean(b) (default 10,000 resamples); NaN when
 * either side is empty.
 *
 * @example
 * const { difference, pValue } = permutationTest(oldScores, modernScores, { seed: 0 });
 */
export function permutationTest(a: readonly number[], b: readonly number[], options: { resamples?: number; seed?: number | string } = {}): PermutationResult {
  const resamples = options.resamples ?? 10_000;
  const observed = mean(a) - mean(b);
  if (a.length === 0 || b.length === 0) return { difference: Number.NaN, pValue: Number.NaN, resamples: 0 };
  const pooled = [...a, ...b];
  const rng = createRng(`permutation/${String(options.seed ?? 0)}`);
  const total = pooled.reduce((s, v) => s + v, 0);
  let extreme = 0;
  for (let r = 0; r < resamples; r++) {
    // A partial Fisher-Yates shuffle picks the first group.
    let sumA = 0;
    for (let i = 0; i < a.length; i++) {
      const j = i + Math.floor(rng.next() * (pooled.length - i));
      [pooled[i], pooled[j]] = [pooled[j]!, pooled[i]!];
      sumA += pooled[i]!;
    }
    const diff = sumA / a.length - (total - sumA) / b.length;
    if (Math.abs(diff) >= Math.abs(observed) - 1e-12) extreme++;
  }
  return { difference: observed, pValue: (extreme + 1) / (resamples + 1), resamples };
}
