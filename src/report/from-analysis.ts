// From the analysis and eval shapes to the report's: group stats to estimates and table rows, and
// result rows to a few sample answers per (group, question, label).
import { type GroupStat, type GroupMeasure, type MetricSummary, cellPlace } from '../analysis/index.js';
import type { JudgeCell, ResultRow } from '../eval/index.js';
import type { SampleAnswer, SampleCell } from './data.js';
import type { Estimate, StatRow, Verdicts } from './figures/types.js';

export function verdictsOf(g: GroupMeasure): Verdicts {
  return {
    counted: g.verdicts.counted,
    unparsed: g.shares.unparsed,
    refusal: g.shares.refusal,
    noAnswer: g.shares.noAnswer,
    excluded: [...g.excluded, ...(g.verdicts.code > 0 ? ['CODE'] : [])],
    ...(g.warning !== undefined ? { warning: g.warning } : {}),
  };
}

/** A group's estimate; measured groups (src/analysis/measure.ts) bring their verdict shares. */
export function estimateOf(stat: GroupStat | GroupMeasure): Estimate {
  return { mean: stat.mean, ciLow: stat.ciLow, ciHigh: stat.ciHigh, n: stat.n, over: stat.over, ...('verdicts' in stat ? { verdicts: verdictsOf(stat) } : {}) };
}

export function metricName(summary: MetricSummary): string {
  if (summary.kind === 'mean') return summary.column;
  return summary.label === undefined ? `${summary.column} (no label parsed)` : `${summary.column} = ${summary.label}`;
}

/** Rows at their question, paraphrase and condition ("q1 · paraphrase 2 · @1984"); a group with CODE verdicts gets a row with their share. */
export function summaryRows(summaries: readonly MetricSummary[]): StatRow[] {
  return summaries.flatMap((s) => {
    const at = cellPlace(s).join(' · ') || null;
    return s.groups.flatMap((g) => {
      const row: StatRow = { metric: metricName(s), group: g.group, at, mean: g.mean, ciLow: g.ciLow, ciHigh: g.ciHigh, n: g.n, over: g.over, verdicts: verdictsOf(g) };
      if (g.verdicts.code === 0) return [row];
      const answered = g.verdicts.rows - g.verdicts.noAnswer;
      return [row, { metric: `${metricName(s)}: CODE (share of n answered rows)`, group: g.group, at, mean: g.shares.code, ciLow: null, ciHigh: null, n: answered, over: null }];
    });
  });
}

/** The label a row falls under in a judge column: its verdict, or why it has none. */
export function cellLabel(cell: JudgeCell): string {
  if (cell.status === 'ok' && cell.value !== null) return String(cell.value);
  return cell.status === 'ok' ? 'no value' : cell.status;
}

/** Answers shown per cell unless told. */
export const SAMPLES_PER_CELL = 8;
/** An answer or prompt longer than this is cut (the export has it whole). */
const MAX_TEXT = 2_000;
/** Characters of sample text in one report: past this, cells show their counts but no more answers, so the page stays a few MB. */
const TEXT_BUDGET = 2_000_000;

export interface SampleOptions {
  /** Answers shown per cell (default `SAMPLES_PER_CELL`). */
  perCell?: number;
  /** Other judge columns shown beside each answer. */
  alsoShow?: string[];
  /** Characters of answer and prompt text in all cells together (default 2,000,000). */
  budget?: number;
}

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… [cut at ${MAX_TEXT} of ${text.length} characters]` : text;
}

function prompt(row: ResultRow): string | undefined {
  const p = [...row.messages].reverse().find((m) => m.role === 'user')?.content;
  return p === undefined ? undefined : cut(p);
}

/** Cells in order of question, group and label as they first appear; answers in row order. One pass: rows may be streamed. */
export function sampleCells(rows: Iterable<ResultRow>, column: string, options: SampleOptions = {}): SampleCell[] {
  const perCell = options.perCell ?? SAMPLES_PER_CELL;
  let budget = options.budget ?? TEXT_BUDGET;
  const cells = new Map<string, SampleCell>();
  const questions = new Map<string, number>();
  const groups = new Map<string, number>();
  for (const row of rows) {
    if (!questions.has(row.question)) questions.set(row.question, questions.size);
    if (!groups.has(row.group)) groups.set(row.group, groups.size);
    const cell = row.judges[column];
    if (!cell) continue;
    const label = row.answer === null ? 'no answer' : cellLabel(cell);
    const key = JSON.stringify([row.question, row.group, label]);
    const entry = cells.get(key) ?? { group: row.group, question: row.question, column, label, answers: [], total: 0 };
    cells.set(key, entry);
    entry.total = (entry.total ?? 0) + 1;
    if (entry.answers.length >= perCell || budget <= 0) continue;
    const judges = Object.fromEntries((options.alsoShow ?? []).filter((c) => c in row.judges).map((c) => [c, row.judges[c]!.value]));
    const p = prompt(row);
    const text = row.answer === null ? null : cut(row.answer);
    budget -= (text?.length ?? 0) + (p?.length ?? 0);
    const answer: SampleAnswer = { model: row.model, text, ...(p !== undefined ? { prompt: p } : {}), ...(Object.keys(judges).length ? { judges } : {}) };
    entry.answers.push(answer);
  }
  return [...cells.values()].sort((a, b) => questions.get(a.question)! - questions.get(b.question)! || groups.get(a.group)! - groups.get(b.group)!);
}
