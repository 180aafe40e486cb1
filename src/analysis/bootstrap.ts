// Seeded percentile bootstrap of the mean, as in the paper's error bars (2000 resamples, 95%).
import { createRng } from '../util/random.js';

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

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
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
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}): MeanWithCi {
  const n = values.length;
  const m = mean(values);
  if (n <= 1) return { mean: m, ciLow: m, ciHigh: m, n };
  const resamples = options.resamples ?? 2000;
  const alpha = 1 - (options.confidence ?? 0.95);
  const rng = createRng(`bootstrap/${String(options.seed ?? 0)}`);
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng.next() * n)]!;
    means[r] = sum / n;
  }
  means.sort((a, b) => a - b);
  return { mean: m, ciLow: percentile(means, alpha / 2), ciHigh: percentile(means, 1 - alpha / 2), n };
}
