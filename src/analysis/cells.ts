// Rows split into the cells a summary reports: per question, per paraphrase, and always per
// trigger condition when the rows have conditions (`<question>@<condition>`), so none is pooled.
import { conditionOf, type ResultRow } from '../eval/index.js';

export type Dimension = 'question' | 'paraphrase' | 'condition';

/** Where a cell sits; `question` is the id without its condition. */
export interface CellKey {
  question?: string;
  paraphraseIx?: number;
  condition?: string;
}

export interface RowCell extends CellKey {
  /** The prompt of the cell's paraphrase as the model saw it (per-paraphrase cells). */
  paraphrase?: string;
  rows: ResultRow[];
}

function prompt(row: ResultRow): string {
  return [...row.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

/** A per-paraphrase cell is also per question. Cells come in the order their first row does. */
export function splitCells(rows: readonly ResultRow[], by: readonly Dimension[] = []): RowCell[] {
  const byParaphrase = by.includes('paraphrase');
  const byQuestion = byParaphrase || by.includes('question');
  const byCondition = by.includes('condition') || rows.some((r) => conditionOf(r.question).condition !== undefined);
  const cells = new Map<string, RowCell>();
  for (const row of rows) {
    const { question, condition } = conditionOf(row.question);
    const key: CellKey = {
      ...(byQuestion ? { question } : {}),
      ...(byParaphrase ? { paraphraseIx: row.paraphraseIx } : {}),
      ...(byCondition && condition !== undefined ? { condition } : {}),
    };
    const id = JSON.stringify([key.question, key.paraphraseIx, key.condition]);
    const cell = cells.get(id) ?? { ...key, ...(byParaphrase ? { paraphrase: prompt(row) } : {}), rows: [] };
    cells.set(id, cell);
    cell.rows.push(row);
  }
  return [...cells.values()];
}

/** The rows of the cell at `key`, split again the way that key was made. */
export function cellRows(rows: readonly ResultRow[], key: CellKey): ResultRow[] {
  const by: Dimension[] = key.paraphraseIx !== undefined ? ['paraphrase'] : key.question !== undefined ? ['question'] : [];
  const same = (c: CellKey) => c.question === key.question && c.paraphraseIx === key.paraphraseIx && c.condition === key.condition;
  return splitCells(rows, by).find(same)?.rows ?? [];
}
