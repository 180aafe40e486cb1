// Result rows as CSV or JSON lines: one column per judge with its raw text and status.
import type { PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import { WeirdgenError } from '../util/errors.js';
import { BASE_COLUMNS, JUDGE_COLUMN_SUFFIXES } from './columns.js';
import { callCost } from './cost.js';
import { planUnits, type EvalDefinition } from './plan.js';
import { judgeColumnProblem } from './question.js';
import type { ResultRow } from './rows.js';

export type ExportFormat = 'csv' | 'jsonl';

/** A row as the columns of BASE_COLUMNS and its judges' (see JUDGE_COLUMN_SUFFIXES); `cost` in USD at `prices`. */
export function flattenRow(row: ResultRow, prices: PriceTable): Record<string, string | number | null> {
  const flat: Record<string, string | number | null> = {
    run: row.run,
    experiment: row.experiment,
    question: row.question,
    condition: row.condition,
    paraphrase_ix: row.paraphraseIx,
    sample_ix: row.sampleIx,
    group: row.group,
    variant: row.variant,
    model: row.model,
    seed: row.seed,
    messages: JSON.stringify(row.messages),
    answer: row.answer,
    error: row.error ?? null,
    prompt_tokens: row.usage?.promptTokens ?? null,
    completion_tokens: row.usage?.completionTokens ?? null,
    cost: callCost(row.usage, prices),
    latency_ms: row.latencyMs,
    cache_key: row.cacheKey,
  };
  for (const [column, cell] of Object.entries(row.judges)) {
    flat[column] = cell.value;
    flat[`${column}_status`] = cell.status;
    flat[`${column}_raw`] = cell.raw;
    flat[`${column}_method`] = cell.method ?? null;
    flat[`${column}_prompt_tokens`] = cell.usage?.promptTokens ?? null;
    flat[`${column}_completion_tokens`] = cell.usage?.completionTokens ?? null;
    flat[`${column}_cost`] = callCost(cell.usage, prices);
  }
  return flat;
}

/** Judge columns differ between questions: the header is the union, in order of appearance. */
function csvHeader(judgeColumns: Iterable<string>): string[] {
  return [...BASE_COLUMNS, ...[...new Set(judgeColumns)].flatMap((column) => [column, ...JUDGE_COLUMN_SUFFIXES.map((suffix) => `${column}${suffix}`)])];
}

/**
 * The judge columns of run `runId`'s rows in order of appearance, known from its definition before
 * any row is read. Throws a `WeirdgenError` for a column whose name a result column now has (a run
 * stored by an older weirdgen, say a judge column `seed` or `x_cost`): its CSV would have two.
 */
export function judgeColumnsOf(runId: string, definition: EvalDefinition, endpoints: Endpoints): string[] {
  const columns = [...new Set(planUnits(definition, endpoints).flatMap((unit) => Object.keys(unit.question.judges)))];
  for (const column of columns) {
    const problem = judgeColumnProblem(column);
    if (problem !== undefined) throw new WeirdgenError(`run "${runId}" cannot be exported: its ${problem}; evaluate it again with the judge under another column name`);
  }
  return columns;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** How rows are written in one format: the header line, if the format has one, and a row's line. */
export interface ExportFormatter {
  header?: string;
  line(row: ResultRow): string;
}

/** CSV (CRLF lines, a header that is the union of `judgeColumns`) or JSON lines; costs at `prices` (the workspace's: its config over the built-in table). */
export function exportFormatter(format: ExportFormat, judgeColumns: readonly string[], prices: PriceTable): ExportFormatter {
  if (format === 'jsonl') return { line: (row) => `${JSON.stringify({ ...flattenRow(row, prices), messages: row.messages })}\n` };
  const header = csvHeader(judgeColumns);
  return {
    header: `${header.map(csvCell).join(',')}\r\n`,
    line: (row) => {
      const flat = flattenRow(row, prices);
      return `${header.map((h) => csvCell(flat[h] ?? null)).join(',')}\r\n`;
    },
  };
}

/**
 * Result rows as CSV (CRLF lines, a header that is the union of the judge columns) or JSON lines,
 * yielded one line at a time, costs at `prices`. Rows streamed from `iterateRows` need their judge
 * columns given (`judgeColumnsOf`): the header comes before the first row.
 */
export function* exportRows(rows: Iterable<ResultRow>, format: ExportFormat, prices: PriceTable, judgeColumns?: readonly string[]): Generator<string> {
  if (format === 'csv' && judgeColumns === undefined && !Array.isArray(rows)) throw new TypeError('exportRows: a CSV of streamed rows needs their judge columns (judgeColumnsOf)');
  const formatter = exportFormatter(format, judgeColumns ?? (rows as readonly ResultRow[]).flatMap((row) => Object.keys(row.judges)), prices);
  if (formatter.header !== undefined) yield formatter.header;
  for (const row of rows) yield formatter.line(row);
}
