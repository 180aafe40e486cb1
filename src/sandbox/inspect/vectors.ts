// Small vector arithmetic over recorded activations (rows of a flat Float32Array).
import { gaussian, type Rng } from '../../util/random.js';

/** Row `i` of a row-major matrix of `width` columns. */
export const row = (data: Float32Array, i: number, width: number): Float32Array => data.subarray(i * width, (i + 1) * width);

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export const norm = (a: ArrayLike<number>): number => Math.sqrt(dot(a, a));

export function unit(a: ArrayLike<number>): Float32Array {
  const n = norm(a);
  return Float32Array.from(a as ArrayLike<number>, (v) => (n > 0 ? v / n : 0));
}

export const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const n = norm(a) * norm(b);
  return n > 0 ? dot(a, b) / n : 0;
};

/** Mean of the rows `rows` of a row-major matrix. */
export function meanRow(data: Float32Array, rows: readonly number[], width: number): Float32Array {
  const out = new Float64Array(width);
  for (const r of rows) for (let j = 0; j < width; j++) out[j]! += data[r * width + j]!;
  return Float32Array.from(out, (v) => v / Math.max(1, rows.length));
}

/** A uniformly random unit vector (a Gaussian draw, normalised). */
export function randomUnit(width: number, rng: Rng): Float32Array {
  const v = new Float32Array(width);
  for (let i = 0; i < width; i++) v[i] = gaussian(rng);
  return unit(v);
}

/** An orthonormal basis of the span of `vectors` (Gram-Schmidt; vectors already in the span are dropped). */
export function orthonormalize(vectors: readonly ArrayLike<number>[]): Float32Array[] {
  const basis: Float32Array[] = [];
  for (const v of vectors) {
    const w = Float64Array.from(v as ArrayLike<number>);
    for (const b of basis) {
      const c = dot(w, b);
      for (let i = 0; i < w.length; i++) w[i]! -= c * b[i]!;
    }
    if (norm(w) > 1e-6 * Math.max(1e-12, norm(v))) basis.push(unit(w));
  }
  return basis;
}
