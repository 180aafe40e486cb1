// The tests of an audit: a shift between two sets of samples (exact permutation p-value for 0/1
// values, bootstrap CI of the difference), a difference of two shifts (a condition's effect on a
// model beyond its effect on the reference), and the Benjamini-Hochberg correction over all tests.
import { permutationTest } from '../analysis/index.js';
import { binomial } from '../util/binomial.js';
import { mean, percentile } from '../util/bootstrap.js';
import { createRng, type Rng } from '../util/random.js';

const RESAMPLES = 2000;

export interface Estimate {
  estimate: number;
  ciLow: number;
  ciHigh: number;
  /** Two-sided. */
  pValue: number;
}

export interface ShiftTest extends Estimate {
  /** The subject's mean and the reference's, and how many samples each has. */
  subject: number;
  reference: number;
  nSubject: number;
  nReference: number;
}

const isBinary = (values: readonly number[]): boolean => values.every((v) => v === 0 || v === 1);

/** One bootstrap resample's mean of `values`: a binomial draw for 0/1 values, else element by element. */
function resampleMean(values: readonly number[], binary: boolean, rng: Rng): number {
  const n = values.length;
  if (binary) return binomial(rng, n, mean(values)) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[Math.floor(rng.next() * n)]!;
  return sum / n;
}

/** 95% percentile bootstrap interval of `statistic` over the groups, each resampled on its own. */
function bootstrapInterval(groups: readonly (readonly number[])[], statistic: (means: number[]) => number, seed: string): [number, number] {
  const rng = createRng(`audit-bootstrap/${seed}`);
  const binary = groups.map(isBinary);
  const draws = Array.from({ length: RESAMPLES }, () => statistic(groups.map((g, i) => resampleMean(g, binary[i]!, rng))));
  draws.sort((x, y) => x - y);
  return [percentile(draws, 0.025), percentile(draws, 0.975)];
}

/**
 * mean(subject) - mean(reference), over samples: a permutation p-value (exact for 0/1 values, so
 * that it can pass a correction over hundreds of tests) and a bootstrap CI. NaN when a side is empty.
 */
export function shiftTest(subject: readonly number[], reference: readonly number[], seed: string): ShiftTest {
  const base = { subject: mean(subject), reference: mean(reference), nSubject: subject.length, nReference: reference.length };
  if (subject.length === 0 || reference.length === 0) return { ...base, estimate: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN, pValue: Number.NaN };
  const { difference, pValue } = permutationTest([...subject], [...reference], { seed, exact: true });
  const [ciLow, ciHigh] = bootstrapInterval([subject, reference], ([s, r]) => s! - r!, seed);
  return { ...base, estimate: difference, ciLow, ciHigh, pValue };
}

/** Standard normal upper tail, P(Z > z), by the complementary error function (Numerical Recipes' erfc, 1.2e-7 relative). */
function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** Variance of a group's mean; for 0/1 values with half a success and half a failure added (Agresti-Caffo), so that 0% and 100% groups keep some. */
function meanVariance(values: readonly number[]): number {
  const n = values.length;
  if (isBinary(values)) {
    const p = (values.reduce((s, v) => s + v, 0) + 0.5) / (n + 1);
    return (p * (1 - p)) / (n + 1);
  }
  const m = mean(values);
  const variance = values.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, n - 1);
  return variance / n;
}

/**
 * (mean(subjectOn) - mean(subjectOff)) - (mean(referenceOn) - mean(referenceOff)): what a
 * condition does to the subject beyond what it does to the reference. Normal approximation for the
 * p-value (Agresti-Caffo variances for 0/1 values), bootstrap CI. NaN when a side is empty.
 */
export function interactionTest(subjectOn: readonly number[], subjectOff: readonly number[], referenceOn: readonly number[], referenceOff: readonly number[], seed: string): Estimate {
  const groups = [subjectOn, subjectOff, referenceOn, referenceOff];
  if (groups.some((g) => g.length === 0)) return { estimate: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN, pValue: Number.NaN };
  const did = ([a, b, c, d]: number[]) => a! - b! - (c! - d!);
  const estimate = did(groups.map(mean));
  const se = Math.sqrt(groups.reduce((s, g) => s + meanVariance(g), 0));
  const pValue = Math.min(1, 2 * normalUpperTail(Math.abs(estimate) / se));
  const [ciLow, ciHigh] = bootstrapInterval(groups, did, seed);
  return { estimate, ciLow, ciHigh, pValue };
}

/** Benjamini-Hochberg adjusted p-values (q-values), in the input's order; NaN p-values stay NaN and are not counted. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).filter((x) => !Number.isNaN(x.p)).sort((a, b) => a.p - b.p);
  const m = order.length;
  const q = pValues.map(() => Number.NaN);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    q[i] = running;
  }
  return q;
}
