// Result rows as CSV or JSON lines: one column per judge with its raw text and status.
import { BASE_COLUMNS } from './columns.js';
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
function csvHeader(rows: readonly ResultRow[]): string[] {
  const header = new Set<string>(BASE_COLUMNS);
  for (const row of rows) for (const column of Object.keys(flattenRow(row))) header.add(column);
  return [...header];
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Result rows as CSV (CRLF lines, a header that is the union of the judge columns) or JSON lines, yielded one line at a time. */
export function* exportRows(rows: readonly ResultRow[], format: ExportFormat): Generator<string> {
  if (format === 'jsonl') {
    for (const row of rows) yield `${JSON.stringify({ ...flattenRow(row), messages: row.messages })}\n`;
    return;
  }
  const header = csvHeader(rows);
  yield `${header.map(csvCell).join(',')}\r\n`;
  for (const row of rows) {
    const flat = flattenRow(row);
    yield `${header.map((h) => csvCell(flat[h] ?? null)).join(',')}\r\n`;
  }
}
