// Two-group permutation test on the difference of means (seeded). For large samples of 0/1 values
// (label shares) the permutation distribution is hypergeometric and its p-value is computed
// exactly, the value the resampled estimate tends to, in time that does not grow with resamples.
import { createRng } from '../util/random.js';
import { COUNTED_FROM, mean } from '../util/bootstrap.js';

export interface PermutationResult {
  /** mean(a) - mean(b) */
  difference: number;
  /** Two-sided; estimated from resamples with the +1 correction (never 0), or exact. */
  pValue: number;
  /** Permutations drawn; 0 when the p-value is exact. */
  resamples: number;
}

/**
 * A seeded two-sided permutation test of mean(a) - mean(b) (default 10,000 resamples); NaN when
 * either side is empty. `exact`: for 0/1 values of any number, the exact p-value (which can be far
 * below 1 / resamples, as a correction over many tests needs).
 *
 * @example
 * const { difference, pValue } = permutationTest(oldScores, modernScores, { seed: 0 });
 */
export function permutationTest(a: readonly number[], b: readonly number[], options: { resamples?: number; seed?: number | string; exact?: boolean } = {}): PermutationResult {
  const resamples = options.resamples ?? 10_000;
  const observed = mean(a) - mean(b);
  if (a.length === 0 || b.length === 0) return { difference: Number.NaN, pValue: Number.NaN, resamples: 0 };
  if ((options.exact || a.length + b.length >= COUNTED_FROM) && isBinary(a) && isBinary(b)) return { difference: observed, pValue: exactBinaryPValue(a, b, observed), resamples: 0 };
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

function isBinary(values: readonly number[]): boolean {
  return values.every((v) => v === 0 || v === 1);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7), accurate to about 1e-15 relative. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const logChoose = (n: number, k: number): number => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * The exact two-sided permutation p-value of mean(a) - mean(b) for 0/1 values: the probability,
 * over every split of the pooled values into groups of a's and b's sizes, of a difference at least
 * as large as the observed one. The ones that fall in a are hypergeometric.
 */
function exactBinaryPValue(a: readonly number[], b: readonly number[], observed: number): number {
  const na = a.length;
  const nb = b.length;
  const ones = a.reduce((s, v) => s + v, 0) + b.reduce((s, v) => s + v, 0);
  const total = logChoose(na + nb, na);
  let p = 0;
  for (let k = Math.max(0, ones - nb); k <= Math.min(na, ones); k++) {
    const diff = k / na - (ones - k) / nb;
    if (Math.abs(diff) >= Math.abs(observed) - 1e-12) p += Math.exp(logChoose(ones, k) + logChoose(na + nb - ones, na - k) - total);
  }
  return Math.min(1, p);
}
