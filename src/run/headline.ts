// What a report and `weirdgen run` lead with: the headline metrics, and per metric and cell one
// sentence with a group's value and CI against the base and the controls, each with its p-value.
import { cellPlace, compareGroups, type GroupMeasure, type MetricCell, type MetricSummary, type Rows, type RunSummary } from '../analysis/index.js';
import { SANDBOX_ENDPOINT, SERVED_ENDPOINT } from '../providers/index.js';
import type { RunnableExperiment } from './experiment.js';

/** The headline metrics of a run as measured, and the sentences that state them. */
export interface Headline {
  cells: MetricCell[];
  sentences: string[];
}

/** The groups a headline speaks of, and those each is compared against (the base first). */
export interface HeadlineRoles {
  focus: string[];
  others: string[];
}

/** Sentences per headline metric at most; the rest are in the report's tables. */
const MAX_SENTENCES = 8;

/**
 * The cells of the metrics named in `ids` (an experiment's headline); without ids, every declared
 * metric, or else every judge column's first label (or mean), as `results` lists them.
 */
export function headlineCells(summary: RunSummary, ids?: readonly string[]): MetricCell[] {
  if (ids?.length) return ids.flatMap((id) => summary.metrics.filter((c) => c.metric.id === id));
  if (summary.metrics.length) return summary.metrics;
  const first = new Map<string, string>();
  for (const s of summary.summaries) if (!first.has(s.column)) first.set(s.column, s.metric.id);
  return summary.summaries.filter((s) => first.get(s.column) === s.metric.id);
}

/** An experiment's groups by their variants' roles; elsewhere the first group that is not `base` against the others. */
export function headlineRoles(groups: readonly string[], experiment?: RunnableExperiment): HeadlineRoles {
  const role = (g: string) => experiment?.variants.find((v) => v.id === g)?.role;
  const trained = groups.filter((g) => g !== 'base');
  const mains = experiment ? trained.filter((g) => role(g) === 'main' || role(g) === 'variant') : trained.slice(0, 1);
  const focus = mains.length ? mains : trained.slice(0, 1);
  const others = [...groups.filter((g) => g === 'base'), ...trained.filter((g) => !focus.includes(g))];
  return { focus, others };
}

/** A judge column's summary, as opposed to a declared metric's cell. */
export const isSummary = (cell: MetricCell): cell is MetricSummary => 'kind' in cell;
const isShare = (cell: MetricCell) => cell.metric.labels !== undefined || cell.metric.below !== undefined;

function shown(cell: MetricCell, v: number): string {
  return isShare(cell) ? `${(100 * v).toFixed(1)}%` : v.toFixed(1);
}

/**
 * What a cell measures, in words a sentence can open with and an axis can carry: a declared metric's
 * title, or for a judge column the judge named by its column and the label in quotes as the judge
 * answers it ("Share of answers the “era” judge labelled “OLD”").
 */
export function measuredWords(cell: MetricCell): string {
  if (!isSummary(cell)) return cell.metric.title;
  const judge = `the “${cell.column.replace(/_/g, ' ')}” judge`;
  if (cell.kind === 'mean') return `Mean rating given by ${judge}`;
  return cell.label === undefined ? `Share of answers ${judge} gave a verdict on` : `Share of answers ${judge} labelled “${cell.label}”`;
}

function valueWithCi(cell: MetricCell, g: GroupMeasure): string {
  if (Number.isNaN(g.mean)) return 'no value (no answer counted)';
  return `${shown(cell, g.mean)} [95% CI ${shown(cell, g.ciLow)}, ${shown(cell, g.ciHigh)}] (n = ${g.verdicts.counted} answers counted, CI over ${g.over})`;
}

function against(rows: Rows, cell: MetricCell, focus: string, other: GroupMeasure): string {
  const value = Number.isNaN(other.mean) ? 'no value' : shown(cell, other.mean);
  const c = compareGroups(rows, cell, focus, other.group);
  // The test's level is named: a group of several models against one model is compared over samples.
  const p = c === undefined || Number.isNaN(c.pValue) ? 'no p-value' : `${c.pValue < 0.0001 ? 'p < 0.0001' : `p = ${c.pValue.toFixed(4)}`}, permutation over ${c.over}`;
  return `${other.group} ${value} (${p})`;
}

/** One sentence per (metric cell, focus group), at most `MAX_SENTENCES` per metric; p-values from a permutation test (seeded). */
export function headlineSentences(rows: Rows, cells: readonly MetricCell[], roles: HeadlineRoles): string[] {
  const byMetric = new Map<string, string[]>();
  for (const cell of cells) {
    const place = cellPlace(cell).join(' · ');
    for (const focus of roles.focus) {
      const g = cell.groups.find((x) => x.group === focus);
      if (!g) continue;
      const others = roles.others.flatMap((o) => cell.groups.filter((x) => x.group === o));
      const comparisons = others.length ? `, against ${others.map((o) => against(rows, cell, focus, o)).join(', ')}` : '';
      const sentence = `${measuredWords(cell)}${place ? ` at ${place}` : ''}: ${focus} ${valueWithCi(cell, g)}${comparisons}.`;
      const list = byMetric.get(cell.metric.id) ?? [];
      byMetric.set(cell.metric.id, list);
      list.push(sentence);
    }
  }
  return [...byMetric.values()].flatMap((list) => (list.length <= MAX_SENTENCES ? list : [...list.slice(0, MAX_SENTENCES), `… and ${list.length - MAX_SENTENCES} more cells of this metric in the tables below.`]));
}

/** The headline of a run: its cells and sentences. */
export function runHeadline(rows: Rows, summary: RunSummary, groups: readonly string[], experiment?: RunnableExperiment): Headline {
  const cells = headlineCells(summary, experiment?.headline);
  return { cells, sentences: headlineSentences(rows, cells, headlineRoles(groups, experiment)) };
}

/** The banner of a run on the sandbox (in process or `served`): what kind of evidence it is. */
export function sandboxBanner(endpoint: string | undefined, experiment?: RunnableExperiment): string | undefined {
  const sandbox = endpoint === SANDBOX_ENDPOINT || endpoint === SERVED_ENDPOINT;
  if (experiment?.kind === 'sandbox') {
    return `Sandbox analogue${experiment.mirrors ? ` of the paper's ${experiment.mirrors} experiment` : ''}: tiny transformers trained offline on the analogue's data and judged by the sandbox's rule judge. What it shows: ${experiment.claim} It is evidence about the mechanism in a small model, not a reproduction with the paper's models.`;
  }
  if (!sandbox) return undefined;
  if (experiment) return `The paper's experiment run on the sandbox's tiny transformers (${endpoint}) and judged by its rule judge: it checks the pipeline end to end, not the paper's claim (${experiment.claim}).`;
  return `Models of the sandbox (${endpoint}): tiny transformers trained offline. The numbers show how these small models answer, not how the paper's models do.`;
}
