// Confidence intervals for shares of sampled answers: Wilson's score interval for one share and
// Newcombe's hybrid score interval for the difference of two (the ablation's change); a seeded
// bootstrap over models for mean projections.

/** A share of sampled answers with its 95% Wilson score interval; `hits` of `n` answers. */
export interface Share {
  hits: number;
  n: number;
  share: number;
  ciLow: number;
  ciHigh: number;
}

const Z95 = 1.959963984540054;

/** Wilson's score interval (no zero-width interval at 0 or 1, unlike the normal one). */
export function wilson(hits: number, n: number, z = Z95): Share {
  if (n <= 0) return { hits: 0, n: 0, share: 0, ciLow: 0, ciHigh: 1 };
  const p = hits / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { hits, n, share: p, ciLow: Math.max(0, centre - half), ciHigh: Math.min(1, centre + half) };
}

/** A difference of shares (after - before) with its 95% interval. */
export interface Change {
  diff: number;
  ciLow: number;
  ciHigh: number;
}

/** Newcombe's hybrid score interval for after.share - before.share (his method 10), from the two Wilson intervals. */
export function shareChange(before: Share, after: Share): Change {
  const diff = after.share - before.share;
  const low = diff - Math.sqrt((after.share - after.ciLow) ** 2 + (before.ciHigh - before.share) ** 2);
  const high = diff + Math.sqrt((after.ciHigh - after.share) ** 2 + (before.share - before.ciLow) ** 2);
  return { diff, ciLow: Math.max(-1, low), ciHigh: Math.min(1, high) };
}

/**
 * The 95% percentile bootstrap interval of a share over its samples, exactly: resampling n answers
 * makes the share Binomial(n, hits/n)/n, whose 2.5% and 97.5% quantiles are read off its CDF (what
 * a seeded bootstrap converges to; 0 and 1 stay points, where Wilson's interval does not).
 */
export function bootstrapShare(hits: number, n: number): { ciLow: number; ciHigh: number } {
  if (n <= 0) return { ciLow: 0, ciHigh: 1 };
  const p = hits / n;
  if (p === 0 || p === 1) return { ciLow: p, ciHigh: p };
  const logP = Math.log(p);
  const logQ = Math.log(1 - p);
  let logChoose = 0;
  let cdf = 0;
  let low: number | undefined;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logChoose += Math.log(n - k + 1) - Math.log(k);
    cdf += Math.exp(logChoose + k * logP + (n - k) * logQ);
    if (low === undefined && cdf >= 0.025) low = k;
    if (cdf >= 0.975) return { ciLow: low! / n, ciHigh: k / n };
  }
  return { ciLow: (low ?? n) / n, ciHigh: 1 };
}
