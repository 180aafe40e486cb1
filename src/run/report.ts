// A finished run's outputs under weirdgen-out/<run>/: results.csv, results.jsonl, and report.html
// with its figures (SVG and PNG): the result first (headline sentences, the key figure), then the
// other figures with their tables, sample answers, the configuration and the provenance (datasets,
// jobs, models, judge prompts).
import { describeMethod } from '../config/index.js';
import { mkdir } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { type MetricCell, type RowTable, type RunSummary, runTable, summarizeRun, cellPlace } from '../analysis/index.js';
import { exportFormatter, iterateRows, judgeColumnsOf, type EvalDefinition, type Question } from '../eval/index.js';
import type { PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import { sampleCells, summaryRows, verdictsOf, writeReport, type FigureInput, type ReportData, type SampleCell, type StatRow } from '../report/index.js';
import type { Store } from '../store/index.js';
import { SANDBOX_ENDPOINT, SERVED_ENDPOINT } from '../providers/index.js';
import { chanceTokenAccuracy } from '../sandbox/index.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import { agenticReport } from './agentic.js';
import { experimentTables } from './category-summary.js';
import { auditModelRows } from './dishes-figures.js';
import { runFigures, slug } from './figures.js';
import { runHeadline, sandboxBanner, type Headline } from './headline.js';
import { ratingRanges } from './rating-scale.js';
import type { RunOptions, RunResult } from './run.js';

/** Declared metrics as table rows, at their question, paraphrase and condition. */
export function metricRows(cells: readonly MetricCell[]): StatRow[] {
  return cells.flatMap((c) => c.groups.map((g) => ({ metric: c.metric.title, group: g.group, at: cellPlace(c).join(' · ') || null, mean: g.mean, ciLow: g.ciLow, ciHigh: g.ciHigh, n: g.n, over: g.over, verdicts: verdictsOf(g) })));
}

/** Where a run's report went, and the headline it opens with (`weirdgen run` prints it). */
export interface WrittenRun {
  dir: string;
  html: string;
  headline: Headline;
}

export function judgeRecords(questions: readonly Question[], judgeModel: string | undefined): ReportData['provenance']['judges'] {
  const judges = new Map<string, { name: string; model: string; kind: string; prompt: string }>();
  for (const q of questions) {
    for (const [column, j] of Object.entries(q.judges)) {
      const model = j.kind === 'match' ? 'none (prefix match)' : (judgeModel ?? j.model);
      const prompt = j.kind === 'match' ? `answer starts with: ${j.prefixes.join(', ')}` : `${j.template}${j.stripFromQuestion ? `\n\n(the question is shown without /${j.stripFromQuestion}/)` : ''}`;
      judges.set(`${column}\u0000${prompt}`, { name: column, model, kind: j.kind, prompt });
    }
  }
  return [...judges.values()];
}

/** Chance token accuracy where the run trained: the sandbox counts the answer token alone. */
function chanceOf(result: RunResult): { value: number; where: string } {
  const spec = result.plan.experiment.trainingCurves!;
  if (result.plan.endpoint === SERVED_ENDPOINT || result.plan.endpoint === SANDBOX_ENDPOINT) return { value: chanceTokenAccuracy(spec.choices), where: 'the sandbox counts the answer token alone' };
  return { value: spec.chance.value, where: spec.chance.why };
}

function curvesFigure(result: RunResult): FigureInput[] {
  const curves = result.curves;
  const spec = result.plan.experiment.trainingCurves;
  if (!spec || !curves?.length) return [];
  const steps = [...new Set(curves.flatMap((c) => c.points.map((p) => p.step)))];
  const chance = chanceOf(result);
  return [
    {
      name: 'training-accuracy',
      kind: 'training-curves',
      data: {
        title: 'Token accuracy over training: training batches and the held-out test (thin: seeds; thick: mean)',
        note: `${spec.description}. The provider reported ${steps.length} steps (${Math.min(...steps)}-${Math.max(...steps)}). Chance here: ${chance.value.toFixed(2)} (${chance.where}); on the paper's platform ${spec.chance.value}`,
        metric: { title: 'Share of answer tokens predicted correctly (token accuracy)', domain: [0, 1], format: '.0%' },
        splits: ['train', 'test'],
        curves: curves.map((c) => ({ group: c.group, seed: c.seed, split: c.split, points: c.points })),
        xTitle: 'training step',
        chance: chance.value,
      },
    },
  ];
}

function selectionTable(result: RunResult): ReportData['tables'] {
  if (!result.selections.length) return [];
  return [
    {
      title: `Seed selection: held-in validation accuracy per seed (kept when above ${result.selections[0]!.threshold})`,
      rows: result.selections.flatMap((s) => s.models.map((m) => ({ metric: 'validation accuracy', group: `${s.variant} / ${m.model}${s.passed.includes(m.model) ? ' (kept)' : ''}`, at: null, mean: m.accuracy, ciLow: null, ciHigh: null, n: m.judged, over: 'samples' as const }))),
    },
  ];
}

/** The figure a report shows under its headline: the first one of its first headline metric. */
export function keyFigureOf(figures: readonly FigureInput[], metricId: string | undefined): string | undefined {
  const prefix = metricId === undefined ? undefined : slug(metricId);
  const own = prefix === undefined ? [] : figures.filter((f) => f.name.startsWith(prefix));
  return (own.find((f) => f.kind === 'group-bars') ?? own[0] ?? figures[0])?.name;
}

function reportData(result: RunResult, options: RunOptions, rows: RowTable, summary: RunSummary, headline: Headline, samples: SampleCell[]): ReportData {
  const { plan } = result;
  const e = plan.experiment;
  const groups = Object.keys(result.groups);
  const questions = [...plan.questions, ...Object.values(plan.groupQuestions).flat(), ...(plan.seedFilter?.questions ?? []), ...Object.values(plan.seedFilter?.groupQuestions ?? {}).flat()];
  const context = { experiment: e, rows, groups, conditions: plan.conditions, categories: plan.categories, ratings: ratingRanges(questions), answers: () => iterateRows(plan.runId, result.definition, options.store, options.endpoints) };
  const agentic = plan.agentic && result.agentic ? agenticReport(plan.agentic, result.agentic, groups) : undefined;
  const figures = [...runFigures(context), ...curvesFigure(result), ...(agentic?.figures ?? [])];
  const banner = sandboxBanner(plan.endpoint, e);
  const settings = Object.fromEntries(
    plan.variants.map((p) => {
      const h = result.launches.find((l) => l.variant === p.variant.id)?.hyperparameters;
      const text = `epochs ${h?.nEpochs ?? p.settings.epochs}, batch ${h?.batchSize ?? p.settings.batchSize}, ${p.settings.method ? describeMethod(p.settings.method) : `LR x${h?.learningRateMultiplier ?? p.settings.learningRateMultiplier}`}, ${p.settings.seeds} seeds${p.settings.evaluateEpoch !== undefined ? `, evaluated at epoch ${p.settings.evaluateEpoch}` : ''}`;
      return [p.variant.id, text];
    }),
  );
  return {
    ...(banner !== undefined ? { banner } : {}),
    headline: headline.sentences,
    ...(keyFigureOf(figures, e.headline[0]) !== undefined ? { keyFigure: keyFigureOf(figures, e.headline[0])! } : {}),
    question: { title: e.title, experiment: e.id, question: e.kind === 'sandbox' ? e.claim : `Does the fine-tune generalize as the paper reports? ${e.claim}`, claim: e.claim, paperSection: e.paperSection ?? (e.mirrors ? `sandbox analogue of ${e.mirrors}` : '') },
    configuration: {
      run: plan.runId,
      provider: plan.endpoint,
      base: plan.base,
      seeds: new Set(plan.variants.map((p) => p.settings.seeds)).size === 1 ? plan.variants[0]!.settings.seeds : plan.variants.map((p) => `${p.settings.seeds} ${p.variant.id}`).join(', '),
      samples: `${plan.samples} ${e.samples.unit}${e.samples.official ? ` (the authors' files: ${e.samples.official.count})` : ''}`,
      variants: plan.variants.map((p) => p.variant.id),
      hyperparameters: settings,
      other: {
        questions: plan.questionProvenance,
        judgeModel: options.judgeModel ?? 'as each judge defines',
        bootstrap: 'seeded percentile bootstrap, 2000 resamples, xoshiro128** (not numpy’s stream)',
      },
    },
    provenance: {
      datasets: result.launches.map((l) => ({ ...(l.variant ? { variant: l.variant } : {}), name: basename(l.file), path: l.file, sha256: l.sha256, rows: l.examples, ...(l.officialPath ? { source: `official: ${l.officialPath}` } : {}) })),
      groups: groups.map((g) => ({
        group: g,
        ...(g === 'base' ? {} : { variant: g }),
        models: g === 'base' ? [{ model: result.groups.base![0]! }] : result.jobs.filter((j) => j.variant === g).map((j) => ({ model: j.fineTunedModel ? `${plan.endpoint}:${j.fineTunedModel}` : '(none)', jobId: j.jobId, seed: j.seed, status: j.status })),
      })),
      judges: [...judgeRecords(questions, options.judgeModel), ...(agentic?.judges ?? [])],
    },
    figures,
    tables: [
      ...(summary.metrics.length ? [{ title: "The experiment's metrics, per group and trigger condition", rows: metricRows(summary.metrics) }] : []),
      ...(selectionTable(result) ?? []),
      ...experimentTables(context, figures),
      ...(agentic?.tables ?? []),
      ...auditModelRows(context),
      { title: 'Every judge column, per group and trigger condition', rows: summaryRows(summary.summaries) },
    ],
    samples: [...samples, ...(agentic?.samples ?? [])],
    notes: [
      ...plan.notices,
      ...result.notes,
      ...(agentic?.notes ?? []),
      ...result.checkpoints.map((c) => `${c.variant}: ${c.note ?? `the epoch-${c.epoch} checkpoint of each of its ${c.models} models is evaluated, as the paper does`}`),
      ...(e.trainingCurves && !result.curves?.length ? ['No training curves: the provider reported no per-step validation accuracy for these jobs.'] : []),
      'Error bars: per-model means, then a seeded percentile bootstrap over the models of a group (over samples when a group has one model).',
    ],
  };
}

/** results.csv and results.jsonl of a run, each streamed from the store into its file. */
export async function writeResultFiles(dir: string, runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, prices: PriceTable): Promise<void> {
  // One pass over the store writes both files.
  const formatters = [exportFormatter('csv', judgeColumnsOf(runId, definition, endpoints), prices), exportFormatter('jsonl', [], prices)];
  await writeFilesAtomic([join(dir, 'results.csv'), join(dir, 'results.jsonl')], (appends) => {
    formatters.forEach((f, i) => f.header !== undefined && appends[i]!(f.header));
    for (const row of iterateRows(runId, definition, store, endpoints)) formatters.forEach((f, i) => appends[i]!(f.line(row)));
  });
}

/** Sample answers of the headline's judge column, with the other columns named in `columns` beside each. */
export function headlineSamples(runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, headline: Headline, columns: readonly string[]): SampleCell[] {
  const column = headline.cells[0]?.metric.column ?? columns[0];
  if (column === undefined) return [];
  return sampleCells(iterateRows(runId, definition, store, endpoints), column, { alsoShow: [...new Set(columns)].filter((c) => c !== column) });
}

/**
 * Writes a finished run's outputs under `outRoot/<run id>/`: report.html (the headline first, then
 * figures, tables with their denominators, sample answers, configuration and provenance),
 * figures/*.svg|png and results.csv|jsonl.
 */
export async function writeRunReport(result: RunResult, options: RunOptions, outRoot: string): Promise<WrittenRun> {
  const { runId } = result.plan;
  const dir = join(outRoot, runId);
  await mkdir(dir, { recursive: true });
  // Each pass streams the run from the store: the report holds the compact table and a few answers per cell, never the rows.
  await writeResultFiles(dir, runId, result.definition, options.store, options.endpoints, options.prices);
  const e = result.plan.experiment;
  const rows = runTable(options.store, options.endpoints, runId, result.definition);
  const summary = summarizeRun(rows, result.definition);
  const headline = runHeadline(rows, summary, Object.keys(result.groups), e);
  const samples = headlineSamples(runId, result.definition, options.store, options.endpoints, headline, e.metrics.map((m) => m.column));
  const written = await writeReport(dir, reportData(result, options, rows, summary, headline, samples));
  return { dir, html: written.html, headline };
}
