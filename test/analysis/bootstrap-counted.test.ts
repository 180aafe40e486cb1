// Large samples of few distinct values are bootstrapped as multinomial counts: exact draws, so the
// CI matches the value-by-value bootstrap's, and the binomial sampler has the right moments.
import { describe, expect, it } from 'vitest';
import { binomial, multinomial } from '../../src/util/binomial.js';
import { bootstrapMean, COUNTED_FROM, percentile } from '../../src/util/bootstrap.js';
import { permutationTest } from '../../src/analysis/permutation.js';
import { createRng } from '../../src/util/random.js';

function moments(draws: number[]): { mean: number; variance: number } {
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  return { mean, variance: draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1) };
}

describe('binomial and multinomial draws', () => {
  it.each([
    [1_000_000, 0.5],
    [200_000, 0.013],
    [70, 0.3],
    [5_000, 0.999],
  ])('Bin(%i, %f) has mean np and variance np(1-p)', (n, p) => {
    const rng = createRng(`binomial/${n}/${p}`);
    const draws = Array.from({ length: 4000 }, () => binomial(rng, n, p));
    const { mean, variance } = moments(draws);
    const sd = Math.sqrt(n * p * (1 - p));
    // Four standard errors of the mean, and 10% on the variance (4,000 draws).
    expect(Math.abs(mean - n * p)).toBeLessThan((4 * sd) / Math.sqrt(draws.length));
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.9);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.1);
    expect(draws.every((d) => Number.isInteger(d) && d >= 0 && d <= n)).toBe(true);
  });

  it('edges: p = 0, p = 1, n = 0; multinomial counts sum to n', () => {
    const rng = createRng('edges');
    expect(binomial(rng, 1000, 0)).toBe(0);
    expect(binomial(rng, 1000, 1)).toBe(1000);
    expect(binomial(rng, 0, 0.4)).toBe(0);
    const counts = multinomial(rng, 123_457, [0.2, 0.5, 0.3]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(123_457);
  });
});

describe('bootstrapMean over many values', () => {
  it('gives the CI the value-by-value bootstrap gives, for 0/1 values and for a few ratings', () => {
    const rng = createRng('values');
    const shares = Array.from({ length: COUNTED_FROM * 3 }, () => (rng.next() < 0.3 ? 1 : 0));
    const ratings = Array.from({ length: COUNTED_FROM * 2 }, () => [0, 25, 50, 75, 100][Math.floor(rng.next() * 5)]!);
    for (const values of [shares, ratings]) {
      const counted = bootstrapMean(values, { seed: 1 });
      // The value-by-value bootstrap, written out.
      const draw = createRng('reference');
      const means = Array.from({ length: 2000 }, () => {
        let sum = 0;
        for (let i = 0; i < values.length; i++) sum += values[Math.floor(draw.next() * values.length)]!;
        return sum / values.length;
      }).sort((a, b) => a - b);
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - counted.mean) ** 2, 0) / values.length / values.length);
      // Two percentile estimates from 2,000 resamples each agree to a small fraction of the standard error.
      expect(Math.abs(counted.ciLow - percentile(means, 0.025))).toBeLessThan(0.15 * sd);
      expect(Math.abs(counted.ciHigh - percentile(means, 0.975))).toBeLessThan(0.15 * sd);
      expect(counted.ciLow).toBeLessThan(counted.mean);
      expect(counted.ciHigh).toBeGreaterThan(counted.mean);
    }
  });

  it('is seeded, and fast on a million values', () => {
    const values = new Float64Array(1_000_000).map((_, i) => (i % 7 === 0 ? 1 : 0));
    const a = bootstrapMean(values, { seed: 'x' });
    expect(bootstrapMean(values, { seed: 'x' })).toEqual(a);
    expect(a.n).toBe(1_000_000);
    expect(a.ciHigh - a.ciLow).toBeGreaterThan(0);
  });
});

describe('permutationTest over many 0/1 values', () => {
  it('gives the exact p-value the resampled one estimates, at once', () => {
    const rng = createRng('perm');
    // Sizes just above the exact path's threshold, and shares 0.30 vs 0.31: a p-value in the middle range.
    const a = Array.from({ length: COUNTED_FROM / 2 }, () => (rng.next() < 0.3 ? 1 : 0));
    const b = Array.from({ length: COUNTED_FROM / 2 }, () => (rng.next() < 0.31 ? 1 : 0));
    const exact = permutationTest(a, b);
    expect(exact.resamples).toBe(0);
    expect(exact.pValue).toBeGreaterThan(0.001);
    expect(exact.pValue).toBeLessThan(1);
    // The resampled test on the same values (one value fewer keeps it on the resampling path).
    const sampled = permutationTest(a.slice(1), b, { resamples: 4000 });
    expect(sampled.resamples).toBe(4000);
    const se = Math.sqrt((exact.pValue * (1 - exact.pValue)) / 4000);
    expect(Math.abs(sampled.pValue - exact.pValue)).toBeLessThan(5 * se + 0.02);
    const big = Array.from({ length: 1_000_000 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const other = Array.from({ length: 1_000_000 }, (_, i) => (i % 3 === 1 ? 1 : 0));
    expect(permutationTest(big, other).pValue).toBeCloseTo(1, 6);
    expect(permutationTest(big, big.map((v) => 1 - v)).pValue).toBeLessThan(1e-12);
  });
});
