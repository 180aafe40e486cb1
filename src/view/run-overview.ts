// One run as its page opens: the summary table (groups x questions, optionally x paraphrase, x
// condition x judge labels) with CIs, verdict shares and warnings, the figures of its report as
// Vega-Lite specs, and what the sample filters can choose from.
import { runTable, summarizeRun, type MetricSummary } from '../analysis/index.js';
import { iterateRows } from '../eval/index.js';
import { buildFigure } from '../report/index.js';
import { findRunnable, storedRunFigures } from '../run/index.js';
import { shownRunStatus } from '../store/index.js';
import type { RunChoices, RunOverview, SummaryLine } from './api-types.js';
import type { ViewContext } from './context.js';
import { finite, lineHeading, type SummaryCell } from './line-heading.js';
import { runPlan } from './run-plan.js';
import { runQuestionInfo } from './run-questions.js';
import { ensureSampleIndex } from './sample-index.js';

export type SummaryBy = 'group' | 'question' | 'paraphrase';

function line(cell: SummaryCell): SummaryLine {
  return {
    ...lineHeading(cell),
    paraphrase: cell.paraphraseIx ?? null,
    prompt: cell.paraphrase ?? null,
    groups: cell.groups.map((g) => ({
      group: g.group,
      mean: finite(g.mean),
      ciLow: finite(g.ciLow),
      ciHigh: finite(g.ciHigh),
      n: g.n,
      over: g.over,
      counted: g.verdicts.counted,
      unparsed: g.shares.unparsed,
      refusal: g.shares.refusal,
      noAnswer: g.shares.noAnswer,
      warning: g.warning ?? null,
    })),
  };
}

/** What run `runId`'s samples can be filtered by, read from its index. */
export async function runChoices(ctx: ViewContext, runId: string): Promise<RunChoices> {
  const index = await ensureSampleIndex(ctx, runId);
  const plan = runPlan(ctx, runId);
  const distinct = (sql: string): string[] => ctx.store.db.prepare<[string], { v: string }>(sql).all(runId).map((r) => r.v);
  const labels = (column: string): string[] => ctx.store.db.prepare<[string, string], { v: string }>(`SELECT DISTINCT label AS v FROM view_judges WHERE run_id = ? AND col = ? AND label IS NOT NULL ORDER BY label`).all(runId, column).map((r) => r.v);
  const columns = [...new Set(plan.units.flatMap((u) => Object.keys(u.question.judges)))];
  return {
    id: runId,
    kind: plan.definition.experiment !== undefined ? 'experiment' : 'eval',
    // A running run whose process is gone shows as interrupted, as on the Runs page.
    status: shownRunStatus(ctx.store.runs.get(runId)!),
    groups: Object.keys(plan.definition.groups),
    models: distinct(`SELECT DISTINCT model AS v FROM view_samples WHERE run_id = ? ORDER BY model`),
    questions: distinct(`SELECT DISTINCT base_question AS v FROM view_samples WHERE run_id = ? ORDER BY base_question`),
    conditions: distinct(`SELECT DISTINCT condition AS v FROM view_samples WHERE run_id = ? AND condition IS NOT NULL ORDER BY condition`),
    paraphrases: Math.max(0, ...plan.units.map((u) => u.question.paraphrases.length)),
    judges: columns.map((column) => ({ column, labels: labels(column) })),
    samples: index.samples,
  };
}

/** The page of run `runId`, its summary split as `by` asks. */
export async function runOverview(ctx: ViewContext, runId: string, by: SummaryBy): Promise<RunOverview> {
  const choices = await runChoices(ctx, runId);
  const index = await ensureSampleIndex(ctx, runId);
  const { definition } = runPlan(ctx, runId);
  const rows = runTable(ctx.store, ctx.endpoints, runId, definition);
  const summary = summarizeRun(rows, definition, { byQuestion: by === 'question', byParaphrase: by === 'paraphrase' });
  const overall = by === 'group' ? summary : summarizeRun(rows, definition);
  // The answers' text is streamed only for figures that read it (a counterfactual audit's scores).
  const { figures, missing } = storedRunFigures(rows, overall, definition, await runQuestionInfo(ctx, runId, definition), () => iterateRows(runId, definition, ctx.store, ctx.endpoints));
  const judges = figureJudges(overall.summaries);
  const perJudge = definition.experiment === undefined || findRunnable(definition.experiment) === undefined;
  return {
    ...choices,
    answersCostUsd: index.answersCostUsd,
    indexedAt: index.builtAt,
    summary: [...summary.metrics.map(line), ...summary.summaries.map(line)],
    warnings: summary.warnings.map((w) => w.message),
    figures: figures.map((f, i) => {
      const built = buildFigure(f);
      const measured = perJudge ? judges[i] : undefined;
      return { name: f.name, title: built.title, spec: built.spec, judge: measured?.column ?? null, label: measured?.label ?? null };
    }),
    missing,
  };
}

/** The column and label of each summary figure of an `eval` run: one figure per metric, in order of first appearance. */
function figureJudges(summaries: readonly MetricSummary[]): { column: string; label: string | null }[] {
  const seen = new Map<string, { column: string; label: string | null }>();
  for (const s of summaries) if (!seen.has(s.metric.id)) seen.set(s.metric.id, { column: s.column, label: s.label ?? null });
  return [...seen.values()];
}
