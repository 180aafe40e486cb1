// A finished run's outputs under weirdgen-out/<run>/: results.csv, results.jsonl, and report.html
// with its figures (SVG and PNG): the question, the configuration, the provenance (datasets, jobs,
// models, judge prompts), the figures with their tables, and sample answers.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { type MetricCell, summarizeRun, cellPlace } from '../analysis/index.js';
import { exportRows, buildRows, type ResultRow } from '../eval/index.js';
import { sampleCells, summaryRows, verdictsOf, writeReport, type FigureInput, type ReportData, type StatRow } from '../report/index.js';
import { SANDBOX_ENDPOINT, SERVED_ENDPOINT } from '../providers/index.js';
import { chanceTokenAccuracy } from '../sandbox/index.js';
import { runFigures } from './figures.js';
import type { RunOptions, RunResult } from './run.js';

/** Declared metrics as table rows, at their question, paraphrase and condition. */
function metricRows(cells: readonly MetricCell[]): StatRow[] {
  return cells.flatMap((c) => c.groups.map((g) => ({ metric: c.metric.title, group: g.group, at: cellPlace(c).join(' · ') || null, mean: g.mean, ciLow: g.ciLow, ciHigh: g.ciHigh, n: g.n, over: g.over, verdicts: verdictsOf(g) })));
}

export interface WrittenRun {
  dir: string;
  html: string;
}

function judgeRecords(plan: RunResult['plan'], options: RunOptions): ReportData['provenance']['judges'] {
  const judges = new Map<string, { name: string; model: string; kind: string; prompt: string }>();
  const questions = [...plan.questions, ...Object.values(plan.groupQuestions).flat(), ...(plan.seedFilter?.questions ?? []), ...Object.values(plan.seedFilter?.groupQuestions ?? {}).flat()];
  for (const q of questions) {
    for (const [column, j] of Object.entries(q.judges)) {
      const model = j.kind === 'match' ? 'none (prefix match)' : (options.judgeModel ?? j.model);
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
        metric: { title: 'token accuracy', domain: [0, 1], format: '.0%' },
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

function reportData(result: RunResult, options: RunOptions, rows: ResultRow[]): ReportData {
  const { plan } = result;
  const e = plan.experiment;
  const groups = Object.keys(result.groups);
  const summary = summarizeRun(rows, result.definition);
  const headline = e.metrics.find((m) => m.id === e.headline[0]);
  const settings = Object.fromEntries(
    plan.variants.map((p) => {
      const h = result.launches.find((l) => l.variant === p.variant.id)?.hyperparameters;
      const text = `epochs ${h?.nEpochs ?? p.settings.epochs}, batch ${h?.batchSize ?? p.settings.batchSize}, LR x${h?.learningRateMultiplier ?? p.settings.learningRateMultiplier}, ${p.settings.seeds} seeds${p.settings.evaluateEpoch !== undefined ? `, evaluated at epoch ${p.settings.evaluateEpoch}` : ''}`;
      return [p.variant.id, text];
    }),
  );
  return {
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
      judges: judgeRecords(plan, options),
    },
    figures: [...runFigures({ experiment: e, rows, groups, conditions: plan.conditions, categories: plan.categories }), ...curvesFigure(result)],
    tables: [
      ...(summary.metrics.length ? [{ title: "The experiment's metrics, per group and trigger condition", rows: metricRows(summary.metrics) }] : []),
      ...(selectionTable(result) ?? []),
      { title: 'Every judge column, per group and trigger condition', rows: summaryRows(summary.summaries) },
    ],
    samples: headline ? sampleCells(rows, headline.column, { perCell: 3, alsoShow: [...new Set(e.metrics.map((m) => m.column))].filter((c) => c !== headline.column) }) : [],
    notes: [
      ...(e.kind === 'paper' && plan.endpoint === 'served' ? ['These models are the sandbox’s tiny transformers behind the OpenAI protocol, and the judges its rule judge: the run checks the pipeline, not the paper’s effect.'] : []),
      ...plan.notices,
      ...result.notes,
      ...result.checkpoints.map((c) => `${c.variant}: ${c.note ?? `the epoch-${c.epoch} checkpoint of each of its ${c.models} models is evaluated, as the paper does`}`),
      ...(e.trainingCurves && !result.curves?.length ? ['No training curves: the provider reported no per-step validation accuracy for these jobs.'] : []),
      'Error bars: per-model means, then a seeded percentile bootstrap over the models of a group (over samples when a group has one model).',
    ],
  };
}

/**
 * Writes a finished run's outputs under `outRoot/<run id>/`: report.html (figures, tables with their
 * denominators, provenance, sample answers), figures/*.svg|png and results.csv|jsonl.
 */
export async function writeRunReport(result: RunResult, options: RunOptions, outRoot: string): Promise<WrittenRun> {
  const dir = join(outRoot, result.plan.runId);
  await mkdir(dir, { recursive: true });
  const rows = buildRows(result.plan.runId, result.definition, options.store, options.endpoints);
  await writeFile(join(dir, 'results.csv'), [...exportRows(rows, 'csv')].join(''));
  await writeFile(join(dir, 'results.jsonl'), [...exportRows(rows, 'jsonl')].join(''));
  const written = await writeReport(dir, reportData(result, options, rows));
  return { dir, html: written.html };
}
