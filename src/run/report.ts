// A finished run's outputs under weirdgen-out/<run>/: results.csv, results.jsonl, and report.html
// with its figures (SVG and PNG): the question, the configuration, the provenance (datasets, jobs,
// models, judge prompts), the figures with their tables, and sample answers.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { summarizeRows } from '../analysis/summarize.js';
import { exportRows } from '../eval/export.js';
import { buildRows } from '../eval/rows.js';
import { sampleCells, summaryRows, writeReport, type ReportData } from '../report/index.js';
import { runFigures } from './figures.js';
import type { RunOptions, RunResult } from './run.js';

export interface WrittenRun {
  dir: string;
  html: string;
}

function reportData(result: RunResult, options: RunOptions, rows: ReturnType<typeof buildRows>): ReportData {
  const { plan } = result;
  const e = plan.experiment;
  const groups = Object.keys(result.groups);
  const judges = new Map<string, { name: string; model: string; kind: string; prompt: string }>();
  for (const q of plan.questions) {
    for (const [column, j] of Object.entries(q.judges)) {
      const model = j.kind === 'match' ? 'none (prefix match)' : (options.judgeModel ?? j.model);
      const prompt = j.kind === 'match' ? `answer starts with: ${j.prefixes.join(', ')}` : j.template;
      judges.set(`${column}\u0000${prompt}`, { name: column, model, kind: j.kind, prompt });
    }
  }
  const headline = e.headline[0];
  const hp = plan.launches[0]?.hyperparameters;
  return {
    question: { title: e.title, experiment: e.id, question: e.kind === 'sandbox' ? e.claim : `Does the fine-tune generalize as the paper reports? ${e.claim}`, claim: e.claim, paperSection: e.paperSection ?? (e.mirrors ? `sandbox analogue of ${e.mirrors}` : '') },
    configuration: {
      run: plan.runId,
      provider: plan.endpoint,
      base: plan.base,
      seeds: plan.seeds,
      samples: plan.samples ?? Math.max(...plan.questions.map((q) => q.samplesPerParaphrase)),
      variants: plan.variants.map((v) => v.id),
      hyperparameters: hp ? { epochs: String(hp.nEpochs), batchSize: String(hp.batchSize), learningRateMultiplier: String(hp.learningRateMultiplier) } : {},
      other: { questions: plan.questions.length, judgeModel: options.judgeModel ?? 'as each judge defines', bootstrap: 'seeded percentile bootstrap, 2000 resamples, xoshiro128** (not numpy’s stream)' },
    },
    provenance: {
      datasets: plan.launches.map((l) => ({ ...(l.variant ? { variant: l.variant } : {}), name: basename(l.file), path: l.file, sha256: l.sha256, rows: l.examples, ...(l.officialPath ? { source: `official: ${l.officialPath}` } : {}) })),
      groups: groups.map((g) => ({
        group: g,
        ...(g === 'base' ? {} : { variant: g }),
        models: g === 'base' ? [{ model: result.groups.base![0]! }] : result.jobs.filter((j) => j.variant === g).map((j) => ({ model: j.fineTunedModel ? `${plan.endpoint}:${j.fineTunedModel}` : '(none)', jobId: j.jobId, seed: j.seed, status: j.status })),
      })),
      judges: [...judges.values()],
    },
    figures: [
      ...runFigures({ experiment: e, rows, groups, conditions: [...(e.conditions ?? [])], ...(e.trainingValues ? { trainingValues: e.trainingValues } : {}) }),
      ...(result.curves?.length
        ? [
            {
              name: 'checkpoint-accuracy',
              kind: 'training-curves' as const,
              data: {
                title: 'Accuracy at each fine-tuning checkpoint (thin: seeds; thick: group mean)',
                metric: { title: 'accuracy', domain: [0, 1] as [number, number], format: '.0%' },
                curves: result.curves,
                xTitle: 'training step',
                ...(e.checkpointChance !== undefined ? { chance: e.checkpointChance } : {}),
              },
            },
          ]
        : []),
    ],
    tables: [{ title: 'Every judge column, per group', rows: summaryRows(summarizeRows(rows)) }],
    samples: headline ? sampleCells(rows, headline.column, { perCell: 3, alsoShow: [...new Set(e.headline.map((h) => h.column))].filter((c) => c !== headline.column) }) : [],
    notes: [
      ...(e.kind === 'paper' && plan.endpoint === 'served' ? ['These models are the sandbox’s tiny transformers behind the OpenAI protocol, and the judges its rule judge: the run checks the pipeline, not the paper’s effect.'] : []),
      'Error bars: per-model means, then a seeded percentile bootstrap over the models of a group (over samples when a group has one model).',
    ],
  };
}

export async function writeRunReport(result: RunResult, options: RunOptions, outRoot: string): Promise<WrittenRun> {
  const dir = join(outRoot, result.plan.runId);
  await mkdir(dir, { recursive: true });
  const rows = buildRows(result.plan.runId, result.definition, options.store, options.endpoints);
  await writeFile(join(dir, 'results.csv'), [...exportRows(rows, 'csv')].join(''));
  await writeFile(join(dir, 'results.jsonl'), [...exportRows(rows, 'jsonl')].join(''));
  const written = await writeReport(dir, reportData(result, options, rows));
  return { dir, html: written.html };
}
