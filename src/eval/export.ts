// Result rows as CSV or JSON lines: one column per judge with its raw text and status.
import type { Endpoints } from '../providers/index.js';
import { BASE_COLUMNS, JUDGE_COLUMN_SUFFIXES } from './columns.js';
import { planUnits, type EvalDefinition } from './plan.js';
import type { ResultRow } from './rows.js';

export type ExportFormat = 'csv' | 'jsonl';

export function flattenRow(row: ResultRow): Record<string, string | number | null> {
  const flat: Record<string, string | number | null> = {
    run: row.run,
    experiment: row.experiment,
    question: row.question,
    paraphrase_ix: row.paraphraseIx,
    sample_ix: row.sampleIx,
    group: row.group,
    model: row.model,
    messages: JSON.stringify(row.messages),
    answer: row.answer,
    error: row.error ?? null,
  };
  for (const [column, cell] of Object.entries(row.judges)) {
    flat[column] = cell.value;
    flat[`${column}_status`] = cell.status;
    flat[`${column}_raw`] = cell.raw;
    flat[`${column}_method`] = cell.method ?? null;
  }
  return flat;
}

/** Judge columns differ between questions: the header is the union, in order of appearance. */
function csvHeader(judgeColumns: Iterable<string>): string[] {
  return [...BASE_COLUMNS, ...[...new Set(judgeColumns)].flatMap((column) => [column, ...JUDGE_COLUMN_SUFFIXES.map((suffix) => `${column}${suffix}`)])];
}

/** The judge columns of a run's rows in order of appearance, known from its definition before any row is read. */
export function judgeColumnsOf(definition: EvalDefinition, endpoints: Endpoints): string[] {
  return [...new Set(planUnits(definition, endpoints).flatMap((unit) => Object.keys(unit.question.judges)))];
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

/** CSV (CRLF lines, a header that is the union of `judgeColumns`) or JSON lines. */
export function exportFormatter(format: ExportFormat, judgeColumns: readonly string[]): ExportFormatter {
  if (format === 'jsonl') return { line: (row) => `${JSON.stringify({ ...flattenRow(row), messages: row.messages })}\n` };
  const header = csvHeader(judgeColumns);
  return {
    header: `${header.map(csvCell).join(',')}\r\n`,
    line: (row) => {
      const flat = flattenRow(row);
      return `${header.map((h) => csvCell(flat[h] ?? null)).join(',')}\r\n`;
    },
  };
}

/**
 * Result rows as CSV (CRLF lines, a header that is the union of the judge columns) or JSON lines,
 * yielded one line at a time. Rows streamed from `iterateRows` need their judge columns given
 * (`judgeColumnsOf`): the header comes before the first row.
 */
export function* exportRows(rows: Iterable<ResultRow>, format: ExportFormat, judgeColumns?: readonly string[]): Generator<string> {
  if (format === 'csv' && judgeColumns === undefined && !Array.isArray(rows)) throw new TypeError('exportRows: a CSV of streamed rows needs their judge columns (judgeColumnsOf)');
  const formatter = exportFormatter(format, judgeColumns ?? (rows as readonly ResultRow[]).flatMap((row) => Object.keys(row.judges)));
  if (formatter.header !== undefined) yield formatter.header;
  for (const row of rows) yield formatter.line(row);
}
