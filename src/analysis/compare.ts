// Two groups compared on one metric by a permutation test over what their error bars resample:
// model means when both groups have several models, else individual samples.
import type { ResultRow } from '../eval/index.js';
import type { MetricCell } from './measure.js';
import { observe } from './observe.js';
import { permutationTest, type PermutationResult } from './permutation.js';
import { rowsOf } from './summarize.js';

export interface GroupComparison<C extends MetricCell = MetricCell> extends PermutationResult {
  metric: C;
  a: string;
  b: string;
  over: 'models' | 'samples';
}

/** Samples are those in the cell's denominator, as its means count them. */
export function compareGroups<C extends MetricCell>(rows: readonly ResultRow[], summary: C, a: string, b: string, seed: number | string = 0): GroupComparison<C> | undefined {
  const ga = summary.groups.find((g) => g.group === a);
  const gb = summary.groups.find((g) => g.group === b);
  if (!ga || !gb) return undefined;
  const over = ga.over === 'models' && gb.over === 'models' ? 'models' : 'samples';
  const cell = over === 'samples' ? rowsOf(rows, summary) : [];
  const values = (group: string, stat: typeof ga): number[] =>
    over === 'models'
      ? stat.models.map((m) => m.mean)
      : cell
          .filter((r) => r.group === group)
          .map((r) => observe(r, summary.metric).value)
          .filter((v): v is number => v !== null);
  return { metric: summary, a, b, over, ...permutationTest(values(a, ga), values(b, gb), { seed }) };
}
