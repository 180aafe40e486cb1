// The table `weirdgen results` prints: per line the mean, its CI, the denominator and what was
// left out of it, so a share never hides the answers it did not count.
import type { CellWarning, GroupMeasure, MetricCell, MetricSummary } from '../analysis/index.js';
import { table } from './io.js';

export const DENOMINATOR_NOTE =
  'n: answers counted (the denominator). unparsed, refusal, CODE (a rating judge called the answer code), judge failed/pending: shares of answered rows; no answer: share of planned rows (failed or unasked calls); excluded: verdicts left out of n (else counted as answers without the label).';

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** Shares and labels in percent, ratings as numbers. */
export function isShare(cell: MetricCell): boolean {
  return cell.metric.labels !== undefined || cell.metric.below !== undefined;
}

export function formatValue(cell: MetricCell, v: number): string {
  return isShare(cell) ? pct(v) : v.toFixed(1);
}

const shorten = (text: string, width = 24): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

const isSummary = (cell: MetricCell): cell is MetricSummary => 'kind' in cell;

function what(cell: MetricCell): string[] {
  if (!isSummary(cell)) return [cell.metric.title];
  const s = cell;
  if (s.label !== undefined) return [s.column, s.label];
  if (s.kind === 'share') return [s.column, '(no label parsed)'];
  return [s.column, cell.methods?.includes('sampled') ? '(mean, sampled numbers)' : '(mean)'];
}

function stats(cell: MetricCell, g: GroupMeasure): string[] {
  const has = !Number.isNaN(g.mean);
  return [has ? formatValue(cell, g.mean) : '-', has ? `[${formatValue(cell, g.ciLow)}, ${formatValue(cell, g.ciHigh)}]` : '', String(g.verdicts.counted), g.over];
}

/** One line per cell and group; place columns only where some line has a value for them. */
export function resultsTable(cells: readonly MetricCell[], heading: readonly string[]): string {
  const hasQuestion = cells.some((c) => c.question !== undefined);
  const hasParaphrase = cells.some((c) => c.paraphraseIx !== undefined);
  const hasCondition = cells.some((c) => c.condition !== undefined);
  const groups = cells.flatMap((c) => c.groups);
  const hasFailed = groups.some((g) => g.verdicts.failed + g.verdicts.invalid > 0);
  const hasPending = groups.some((g) => g.verdicts.pending > 0);
  const hasCode = groups.some((g) => g.verdicts.code > 0);
  const head = [
    ...(hasQuestion ? ['question'] : []),
    ...(hasParaphrase ? ['paraphrase'] : []),
    ...(hasCondition ? ['condition'] : []),
    ...heading,
    'group',
    'mean',
    '95% CI',
    'n (answers counted)',
    'CI over',
    'unparsed',
    'refusal',
    ...(hasCode ? ['CODE'] : []),
    'no answer',
    ...(hasFailed ? ['judge failed'] : []),
    ...(hasPending ? ['judge pending'] : []),
    'excluded',
    '',
  ];
  const lines = cells.flatMap((c) =>
    c.groups.map((g) => [
      ...(hasQuestion ? [c.question ?? 'all'] : []),
      ...(hasParaphrase ? [c.paraphraseIx !== undefined ? `${c.paraphraseIx}: ${shorten(c.paraphrase ?? '')}` : ''] : []),
      ...(hasCondition ? [c.condition ?? '-'] : []),
      ...what(c),
      g.group,
      ...stats(c, g),
      pct(g.shares.unparsed),
      pct(g.shares.refusal),
      ...(hasCode ? [pct(g.shares.code)] : []),
      pct(g.shares.noAnswer),
      ...(hasFailed ? [pct(g.shares.judgeFailed)] : []),
      ...(hasPending ? [pct(g.shares.pending)] : []),
      [...g.excluded, ...(g.verdicts.code > 0 ? ['CODE'] : [])].join('+') || 'none',
      g.warning !== undefined ? '⚠' : '',
    ]),
  );
  return table([head, ...lines])
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

export function warningLines(warnings: readonly CellWarning[]): string[] {
  return warnings.map((w) => `⚠ ${w.cell}: ${w.message}`);
}
