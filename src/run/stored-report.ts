// The report of any stored run, from what the store keeps: its definition, its rows, the runs
// table and the fine-tuning ledger. An `eval` run gets one figure per judge column and label; an
// experiment's run gets its experiment's figures, and the report names what only the run's plan had.
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runTable, summarizeRun } from '../analysis/index.js';
import { allQuestions, conditionOf, iterateRows, loadRunDefinition, type EvalDefinition } from '../eval/index.js';
import type { FetchOptions, PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import { summaryRows, writeReport, type FigureInput, type ReportData } from '../report/index.js';
import type { LedgerJob, Store } from '../store/index.js';
import { didYouMean } from '../util/did-you-mean.js';
import { WeirdgenError } from '../util/errors.js';
import type { RunnableExperiment } from './experiment.js';
import { runHeadline, sandboxBanner } from './headline.js';
import { findRunnable } from './registry.js';
import { headlineSamples, judgeRecords, keyFigureOf, metricRows, writeResultFiles, type WrittenRun } from './report.js';
import { storedRunFigures } from './stored-figures.js';
import { storedQuestionInfo, unrecoveredQuestionInfo, type StoredQuestionInfo } from './stored-questions.js';

/** Which stored run to report, from which workspace's store and endpoints, and where the report goes. */
export interface StoredRunReportOptions {
  store: Store;
  endpoints: Endpoints;
  runId: string;
  /** The report goes to `outRoot/<run id>/`. */
  outRoot: string;
  /** The prices results.csv reckons each call's cost at (the workspace's `prices`). */
  prices: PriceTable;
  /**
   * Where the experiment's pinned question files are read (the workspace's `fetch`), to draw its
   * figures with the conditions' labels and the questions' categories as `run` did; without it the
   * report names conditions by their ids and splits trigger-pair figures into numbered sets.
   */
  fetch?: FetchOptions;
}

const endpointOf = (ref: string) => ref.slice(0, Math.max(0, ref.indexOf(':'))) || ref;

/** The endpoint every model of the run is on, when they share one. */
function runEndpoint(definition: EvalDefinition): string | undefined {
  const endpoints = new Set(Object.values(definition.groups).flat().map(endpointOf));
  return endpoints.size === 1 ? [...endpoints][0] : undefined;
}

/** The ledger's jobs that made the run's models. */
function jobsOf(store: Store, definition: EvalDefinition): LedgerJob[] {
  const models = new Set(Object.values(definition.groups).flat());
  const jobs = definition.experiment !== undefined ? store.ledger.jobs({ experiment: definition.experiment }) : store.ledger.jobs();
  return jobs.filter((j) => j.fineTunedModel !== null && models.has(`${j.endpoint}:${j.fineTunedModel}`));
}

function provenance(definition: EvalDefinition, jobs: readonly LedgerJob[]): ReportData['provenance'] {
  const jobOf = new Map(jobs.map((j) => [`${j.endpoint}:${j.fineTunedModel}`, j]));
  const datasets = new Map(jobs.map((j) => [j.datasetSha256, { ...(j.variant ? { variant: j.variant } : {}), name: basename(j.dataset), path: j.dataset, sha256: j.datasetSha256 }]));
  return {
    datasets: [...datasets.values()],
    groups: Object.entries(definition.groups).map(([group, models]) => ({
      group,
      models: models.map((model) => {
        const job = jobOf.get(model);
        return job ? { model, jobId: job.jobId, seed: job.seed, status: job.status } : { model };
      }),
    })),
    judges: judgeRecords(allQuestions(definition), definition.judgeModel),
  };
}

function configuration(runId: string, definition: EvalDefinition, jobs: readonly LedgerJob[], status: string): ReportData['configuration'] {
  const samples = [...new Set(allQuestions(definition).map((q) => q.samplesPerParaphrase))];
  const hyperparameters = Object.fromEntries(
    [...new Set(jobs.map((j) => j.variant ?? j.group))].map((v) => {
      const own = jobs.filter((j) => (j.variant ?? j.group) === v);
      const h = { ...own[0]!.hyperparameters, ...own[0]!.resolved };
      return [v, `epochs ${h.nEpochs ?? '—'}, batch ${h.batchSize ?? '—'}, LR x${h.learningRateMultiplier ?? '—'}, ${own.length} ${own.length === 1 ? 'seed' : 'seeds'}`];
    }),
  );
  return {
    run: runId,
    provider: [...new Set(Object.values(definition.groups).flat().map(endpointOf))].join(', '),
    base: [...new Set(jobs.map((j) => `${j.endpoint}:${j.baseModel}`))].join(', ') || (definition.groups.base?.join(', ') ?? '—'),
    seeds: Object.entries(definition.groups).map(([g, models]) => `${models.length} ${models.length === 1 ? 'model' : 'models'} in ${g}`).join(', '),
    samples: definition.samples ?? (samples.length === 1 ? samples[0]! : samples.join(', ')),
    variants: Object.keys(definition.groups),
    hyperparameters,
    other: {
      status,
      questions: [...new Set(allQuestions(definition).map((q) => conditionOf(q.id).question))].join(', '),
      judgeModel: definition.judgeModel ?? 'as each judge defines',
      bootstrap: 'seeded percentile bootstrap, 2000 resamples, xoshiro128** (not numpy’s stream)',
    },
  };
}

/** What only a run's plan (its command line) had, which this report cannot show. */
const EXPERIMENT_MISSING = [
  'the run’s plan: its command-line settings (seeds, samples, pilot size, judge model) as asked, and its notices; the configuration shows the stored definition and the fine-tuning ledger instead',
  'the seed selection and the training curves, which a run computes from its plan',
];

const AGENTIC_MISSING = 'the agentic scenarios, whose prompts a run assembles from the framework’s templates: their figures and table are in the report `weirdgen run` wrote (rerunning the same command asks nothing and writes it again)';

/** The conditions and categories of a stored run, read from its experiment's files where `fetch` says how. */
async function questionInfo(definition: EvalDefinition, fetch: FetchOptions | undefined): Promise<StoredQuestionInfo> {
  return fetch ? storedQuestionInfo(definition, fetch) : unrecoveredQuestionInfo(definition, 'no fetch options were given to read the experiment’s files');
}

/**
 * Writes the report of any stored run (an `eval` run or an experiment's) under `outRoot/<run id>/`:
 * report.html (headline first), figures and results.csv|jsonl, streamed from the store.
 *
 * @example
 * const written = await writeStoredRunReport({ store: ws.store, endpoints: ws.endpoints, prices: ws.prices, fetch: ws.fetch, runId: 'demo', outRoot: 'weirdgen-out' });
 */
export async function writeStoredRunReport(options: StoredRunReportOptions): Promise<WrittenRun> {
  const { store, endpoints, runId } = options;
  const record = store.runs.get(runId);
  if (!record) throw new WeirdgenError(`no run "${runId}" in ${store.file}${didYouMean(runId, store.runs.list().map((r) => r.id))}`);
  const definition = loadRunDefinition(store, runId);
  const experiment = definition.experiment !== undefined ? findRunnable(definition.experiment) : undefined;
  const dir = join(options.outRoot, runId);
  await mkdir(dir, { recursive: true });
  await writeResultFiles(dir, runId, definition, store, endpoints, options.prices);

  const rows = runTable(store, endpoints, runId, definition);
  const summary = summarizeRun(rows, definition);
  const groups = Object.keys(definition.groups);
  const headline = runHeadline(rows, summary, groups, experiment);
  const columns = experiment ? experiment.metrics.map((m) => m.column) : [...new Set(summary.summaries.map((s) => s.column))];
  const samples = headlineSamples(runId, definition, store, endpoints, headline, columns);
  const missing = experiment ? [...EXPERIMENT_MISSING, ...(experiment.agentic ? [AGENTIC_MISSING] : [])] : definition.experiment !== undefined ? [`the experiment "${definition.experiment}", which this weirdgen does not know: the report shows every judge column instead`] : [];
  const drawn = storedRunFigures(rows, summary, definition, experiment ? await questionInfo(definition, options.fetch) : undefined, () => iterateRows(runId, definition, store, endpoints));
  missing.push(...drawn.missing);
  const figures = drawn.figures;
  const jobs = jobsOf(store, definition);
  const banner = sandboxBanner(runEndpoint(definition), experiment);
  const key = keyFigureOf(figures, experiment?.headline[0] ?? headline.cells[0]?.metric.id);
  const data: ReportData = {
    ...(banner !== undefined ? { banner } : {}),
    headline: headline.sentences,
    ...(key !== undefined ? { keyFigure: key } : {}),
    ...(missing.length ? { missing } : {}),
    question: experiment
      ? { title: experiment.title, experiment: experiment.id, question: experiment.kind === 'sandbox' ? experiment.claim : `Does the fine-tune generalize as the paper reports? ${experiment.claim}`, claim: experiment.claim, paperSection: experiment.paperSection ?? (experiment.mirrors ? `sandbox analogue of ${experiment.mirrors}` : '') }
      : { title: `Evaluation ${runId}`, experiment: definition.experiment ?? 'none (weirdgen eval)', question: `How do the groups ${groups.join(', ')} answer these questions, as the judges read them?`, claim: 'None: an evaluation run states no claim; the headline compares its groups.', paperSection: '' },
    configuration: configuration(runId, definition, jobs, record.status),
    provenance: provenance(definition, jobs),
    figures,
    tables: [
      ...(summary.metrics.length ? [{ title: 'Declared metrics, per group and trigger condition', rows: metricRows(summary.metrics) }] : []),
      ...drawn.tables,
      { title: 'Every judge column, per group and trigger condition', rows: summaryRows(summary.summaries) },
    ],
    samples,
    notes: [
      ...(record.status !== 'complete' ? [`The run is ${record.status}: the report shows the answers and judgments stored so far.`] : []),
      'Error bars: per-model means, then a seeded percentile bootstrap over the models of a group (over samples when a group has one model).',
    ],
  };
  const written = await writeReport(dir, data);
  return { dir, html: written.html, headline };
}
