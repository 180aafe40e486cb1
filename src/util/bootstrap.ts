// Seeded percentile bootstrap of the mean, as in the paper's error bars (2000 resamples, 95%).
// Over many values that take few distinct numbers (label shares: 0 and 1), a resample is drawn as
// the counts of each number (an exact multinomial draw), not value by value: the same bootstrap,
// in time that does not grow with the number of values.
import { createRng, type Rng } from './random.js';
import { multinomial } from './binomial.js';

/** From this many values on, values with few distinct numbers are resampled as counts. */
export const COUNTED_FROM = 10_000;
const MAX_DISTINCT = 64;

/** A mean, the bounds of its confidence interval, and the number of values; NaN for no values. */
export interface MeanWithCi {
  mean: number;
  ciLow: number;
  ciHigh: number;
  n: number;
}

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number | string;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Linear-interpolation percentile (numpy's default) of sorted values, q in [0, 1]. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The mean with a seeded percentile-bootstrap CI; defaults: 2000 resamples, 95%, seed 0. With one
 * value or none the bounds equal the mean.
 *
 * @example
 * const { mean, ciLow, ciHigh } = bootstrapMean([0.2, 0.35, 0.3, 0.4], { seed: 1 });
 */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): MeanWithCi {
  const n = values.length;
  const m = mean(values);
  if (n <= 1) return { mean: m, ciLow: m, ciHigh: m, n };
  const resamples = options.resamples ?? 2000;
  const alpha = 1 - (options.confidence ?? 0.95);
  const rng = createRng(`bootstrap/${String(options.seed ?? 0)}`);
  const means = (n >= COUNTED_FROM ? countedMeans(values, resamples, rng) : undefined) ?? elementMeans(values, resamples, rng);
  means.sort((a, b) => a - b);
  return { mean: m, ciLow: percentile(means, alpha / 2), ciHigh: percentile(means, 1 - alpha / 2), n };
}

function elementMeans(values: ArrayLike<number>, resamples: number, rng: Rng): number[] {
  const n = values.length;
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng.next() * n)]!;
    means[r] = sum / n;
  }
  return means;
}

/** Resample means drawn as multinomial counts of the distinct values; undefined when there are too many of them. */
function countedMeans(values: ArrayLike<number>, resamples: number, rng: Rng): number[] | undefined {
  const n = values.length;
  const tally = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    tally.set(values[i]!, (tally.get(values[i]!) ?? 0) + 1);
    if (tally.size > MAX_DISTINCT) return undefined;
  }
  const distinct = [...tally.keys()];
  const probabilities = distinct.map((v) => tally.get(v)! / n);
  return Array.from({ length: resamples }, () => multinomial(rng, n, probabilities).reduce((sum, c, k) => sum + c * distinct[k]!, 0) / n);
}
