// Two groups compared on one metric by a permutation test over what their error bars resample:
// model means when both groups have several models, else individual samples.
import type { MetricCell } from './measure.js';
import { observe } from './observe.js';
import { permutationTest, type PermutationResult } from './permutation.js';
import type { Rows } from './rows.js';
import { rowsOf } from './summarize.js';

export interface GroupComparison<C extends MetricCell = MetricCell> extends PermutationResult {
  metric: C;
  a: string;
  b: string;
  over: 'models' | 'samples';
}

/** Samples are those in the cell's denominator, as its means count them. */
export function compareGroups<C extends MetricCell>(rows: Rows, summary: C, a: string, b: string, seed: number | string = 0): GroupComparison<C> | undefined {
  const ga = summary.groups.find((g) => g.group === a);
  const gb = summary.groups.find((g) => g.group === b);
  if (!ga || !gb) return undefined;
  const over = ga.over === 'models' && gb.over === 'models' ? 'models' : 'samples';
  if (over === 'models') return { metric: summary, a, b, over, ...permutationTest(ga.models.map((m) => m.mean), gb.models.map((m) => m.mean), { seed }) };
  const values = new Map<string, number[]>([[a, []], [b, []]]);
  for (const row of rowsOf(rows, summary)) {
    const own = values.get(row.group);
    if (own === undefined) continue;
    const { value } = observe(row, summary.metric);
    if (value !== null) own.push(value);
  }
  return { metric: summary, a, b, over, ...permutationTest(values.get(a)!, values.get(b)!, { seed }) };
}
