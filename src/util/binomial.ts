// Exact draws from the binomial and multinomial distributions with a seeded stream, in time that
// does not grow with n: Knuth's recursion on the order statistics of n uniforms (TAOCP 3.4.1),
// with Beta draws from two Gamma draws (Marsaglia and Tsang) and normals by the polar method.
import type { Rng } from './random.js';

/** Below this many trials, count uniforms under p one by one. */
const DIRECT = 64;

function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Gamma(shape, 1) for shape >= 1. */
function gamma(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** The number of successes in n trials of probability p. */
export function binomial(rng: Rng, n: number, p: number): number {
  let count = 0;
  while (n > DIRECT && p > 0 && p < 1) {
    // The a-th smallest of n uniforms is Beta(a, n - a + 1); the uniforms below it, or above it, are uniform again.
    const a = 1 + (n >> 1);
    const g = gamma(rng, a);
    const x = g / (g + gamma(rng, n - a + 1));
    if (x >= p) {
      n = a - 1;
      p /= x;
    } else {
      count += a;
      n -= a;
      p = (p - x) / (1 - x);
    }
  }
  if (p <= 0) return count;
  if (p >= 1) return count + n;
  for (let i = 0; i < n; i++) if (rng.next() < p) count++;
  return count;
}

/** Counts of n draws over categories of the given probabilities (summing to 1), by successive binomials. */
export function multinomial(rng: Rng, n: number, probabilities: readonly number[]): number[] {
  const counts: number[] = [];
  let left = n;
  let mass = 1;
  for (let k = 0; k < probabilities.length; k++) {
    const p = probabilities[k]!;
    const c = k === probabilities.length - 1 || mass <= 0 ? left : binomial(rng, left, Math.min(1, p / mass));
    counts.push(c);
    left -= c;
    mass -= p;
  }
  return counts;
}
