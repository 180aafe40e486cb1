// A stored run, read back: its definition and rows.
import { z } from 'zod';
import type { PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { EvalDefinition } from './plan.js';
import { exportRows, judgeColumnsOf, type ExportFormat } from './export.js';
import { buildRows, iterateRows, type ResultRow } from './rows.js';

/** The stored definition of run `runId`; throws a `WeirdgenError` naming the known runs if there is none. */
export function loadRunDefinition(store: Store, runId: string): EvalDefinition {
  const run = store.runs.get(runId);
  if (!run) {
    const known = store.runs.list().map((r) => r.id);
    throw new WeirdgenError(`no run "${runId}" in ${store.file}${known.length ? `; runs: ${known.slice(0, 10).join(', ')}` : ''}`);
  }
  const parsed = storedDefinitionSchema.safeParse(run.definition);
  if (!parsed.success) throw new WeirdgenError(`${store.file}: run "${runId}": the stored definition cannot be read by this weirdgen (${z.prettifyError(parsed.error)})`);
  // The shape is checked; the judges inside were validated when the run was defined.
  return run.definition as EvalDefinition;
}

const storedQuestionSchema = z.looseObject({
  id: z.string(),
  paraphrases: z.array(z.string()).min(1),
  samplesPerParaphrase: z.int().min(1),
  temperature: z.number(),
  maxTokens: z.int().min(1),
  judges: z.record(
    z.string(),
    z.union([z.looseObject({ kind: z.enum(['classify', 'rating', 'final-line']), model: z.string(), template: z.string() }), z.looseObject({ kind: z.literal('match'), prefixes: z.array(z.string()) })]),
  ),
});

const storedMetricSchema = z.object({
  id: z.string(),
  title: z.string(),
  column: z.string(),
  labels: z.array(z.string()).optional(),
  below: z.number().optional(),
  questions: z.array(z.string()).optional(),
  condition: z.string().optional(),
  exclude: z.array(z.enum(['unparsed', 'refusal'])).optional(),
  direction: z.string().optional(),
});

const storedDefinitionSchema = z.object({
  experiment: z.string().optional(),
  questions: z.array(storedQuestionSchema),
  groupQuestions: z.record(z.string(), z.array(storedQuestionSchema)).optional(),
  metrics: z.array(storedMetricSchema).optional(),
  groups: z.record(z.string(), z.array(z.string())),
  samples: z.int().min(1).optional(),
  judgeModel: z.string().optional(),
});

/** The tidy rows of a stored run, rebuilt from the store (no calls are made); `iterateRunRows` streams them. */
export function loadRunRows(store: Store, endpoints: Endpoints, runId: string): ResultRow[] {
  return buildRows(runId, loadRunDefinition(store, runId), store, endpoints);
}

/** The tidy rows of a stored run, one at a time from the store, in flat memory (no calls are made). */
export function iterateRunRows(store: Store, endpoints: Endpoints, runId: string): Generator<ResultRow> {
  return iterateRows(runId, loadRunDefinition(store, runId), store, endpoints);
}

/**
 * A stored run exported as CSV or JSON lines, one line at a time, streamed from the store; `rows`
 * counts those yielded so far. Costs are reckoned at `options.prices` (the workspace's `prices`).
 */
export function exportRun(store: Store, endpoints: Endpoints, runId: string, format: ExportFormat, options: { prices: PriceTable }): { lines: Generator<string>; rows: () => number } {
  const definition = loadRunDefinition(store, runId);
  let rows = 0;
  const counted = function* () {
    for (const row of iterateRows(runId, definition, store, endpoints)) {
      rows++;
      yield row;
    }
  };
  return { lines: exportRows(counted(), format, options.prices, judgeColumnsOf(runId, definition, endpoints)), rows: () => rows };
}
