// Two groups compared over the same questions: of one run, or one group of each of two runs. Each
// judge column and label (per question when asked) gets both means, their difference with its CI,
// and the permutation test of compareGroups.
import { z } from 'zod';
import { compareGroups, runTable, summarizeRun, type GroupMeasure, type Rows } from '../analysis/index.js';
import type { ScoredRow } from '../eval/index.js';
import type { ComparedLine, ComparedSide, Comparison } from './api-types.js';
import type { ViewContext } from './context.js';
import { badRequest } from './errors.js';
import { finite, lineHeading, type SummaryCell } from './line-heading.js';
import { runPlan } from './run-plan.js';

const name = z.string().min(1).max(500);

export const compareQuerySchema = z.strictObject({
  a: name,
  /** The second run (default: the first). */
  b: name.optional(),
  groupA: name,
  groupB: name,
  by: z.enum(['group', 'question']).default('group'),
});

export type CompareQuery = z.infer<typeof compareQuerySchema>;

const Z95 = 1.959964;

function side(g: GroupMeasure | undefined): ComparedSide {
  return g ? { mean: finite(g.mean), ciLow: finite(g.ciLow), ciHigh: finite(g.ciHigh), n: g.n } : { mean: null, ciLow: null, ciHigh: null, n: 0 };
}

/** The difference's interval, with each group's standard error read off its 95% bootstrap interval. */
function differenceCi(a: ComparedSide, b: ComparedSide, difference: number): [number, number] | [null, null] {
  if (a.ciLow === null || a.ciHigh === null || b.ciLow === null || b.ciHigh === null) return [null, null];
  const se = Math.hypot((a.ciHigh - a.ciLow) / (2 * Z95), (b.ciHigh - b.ciLow) / (2 * Z95));
  return [difference - Z95 * se, difference + Z95 * se];
}

function* relabelled(rows: Rows, group: string, as: string, questions: ReadonlySet<string>): Generator<ScoredRow> {
  for (const row of rows) if (row.group === group && questions.has(row.question)) yield { ...row, group: as };
}

function groupCheck(groups: readonly string[], group: string, run: string): void {
  if (!groups.includes(group)) throw badRequest(`run "${run}" has no group "${group}"; its groups: ${groups.join(', ')}`);
}

export function compare(ctx: ViewContext, query: CompareQuery): Comparison {
  const runB = query.b ?? query.a;
  const planA = runPlan(ctx, query.a);
  const planB = runPlan(ctx, runB);
  groupCheck(Object.keys(planA.definition.groups), query.groupA, query.a);
  groupCheck(Object.keys(planB.definition.groups), query.groupB, runB);
  const questionsOf = (plan: typeof planA, group: string) => new Set(plan.units.filter((u) => u.group === group).map((u) => u.question.id));
  const qa = questionsOf(planA, query.groupA);
  const qb = questionsOf(planB, query.groupB);
  const shared = new Set([...qa].filter((q) => qb.has(q)));
  const labelA = runB === query.a ? query.groupA : `${query.a}/${query.groupA}`;
  const labelB = runB === query.a ? query.groupB : `${runB}/${query.groupB}`;
  if (labelA === labelB) throw badRequest('compare two different groups (or the same group of two runs)');
  const tableA = runTable(ctx.store, ctx.endpoints, query.a, planA.definition);
  const tableB = runB === query.a ? tableA : runTable(ctx.store, ctx.endpoints, runB, planB.definition);
  const rows: Rows = { [Symbol.iterator]: () => (function* () {
    yield* relabelled(tableA, query.groupA, labelA, shared);
    yield* relabelled(tableB, query.groupB, labelB, shared);
  })() };
  const summary = summarizeRun(rows, planA.definition, { byQuestion: query.by === 'question' });
  const cells: SummaryCell[] = [...summary.metrics, ...summary.summaries];
  const lines = cells.map((cell): ComparedLine => {
    const a = side(cell.groups.find((g) => g.group === labelA));
    const b = side(cell.groups.find((g) => g.group === labelB));
    const tested = compareGroups(rows, cell, labelA, labelB);
    const difference = tested && Number.isFinite(tested.difference) ? tested.difference : null;
    const [ciLow, ciHigh] = difference !== null ? differenceCi(a, b, difference) : [null, null];
    return {
      ...lineHeading(cell),
      a,
      b,
      difference,
      ciLow,
      ciHigh,
      pValue: tested && Number.isFinite(tested.pValue) ? tested.pValue : null,
      over: tested?.over ?? 'samples',
    };
  });
  return { a: labelA, b: labelB, questions: [...shared].sort(), lines };
}
