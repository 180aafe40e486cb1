// Two groups compared on one metric by a permutation test over what their error bars resample:
// model means when both groups have several models, else individual samples.
import type { ResultRow } from '../eval/rows.js';
import { permutationTest, type PermutationResult } from './permutation.js';
import { metricObservations, rowsOf, type MetricSummary } from './summarize.js';

export interface GroupComparison extends PermutationResult {
  metric: MetricSummary;
  a: string;
  b: string;
  over: 'models' | 'samples';
}

export function compareGroups(rows: readonly ResultRow[], summary: MetricSummary, a: string, b: string, seed: number | string = 0): GroupComparison | undefined {
  const ga = summary.groups.find((g) => g.group === a);
  const gb = summary.groups.find((g) => g.group === b);
  if (!ga || !gb) return undefined;
  const over = ga.over === 'models' && gb.over === 'models' ? 'models' : 'samples';
  const values = (group: string, stat: typeof ga) =>
    over === 'models'
      ? stat.models.map((m) => m.mean)
      : metricObservations(rowsOf(rows, summary), summary.column, summary.label)
          .filter((o) => o.group === group && o.value !== null)
          .map((o) => o.value!);
  return { metric: summary, a, b, over, ...permutationTest(values(a, ga), values(b, gb), { seed }) };
}
