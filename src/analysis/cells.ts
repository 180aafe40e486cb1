// The cells a summary reports: per question, per paraphrase, and always per trigger condition when
// the rows have conditions (`<question>@<condition>`), so none is pooled. Rows are placed one at a
// time; a cell keeps its key, not its rows.
import { conditionOf, type ScoredRow } from '../eval/index.js';
import { someRow, type Rows } from './rows.js';

export type Dimension = 'question' | 'paraphrase' | 'condition';

/** Where a cell sits; `question` is the id without its condition. */
export interface CellKey {
  question?: string;
  paraphraseIx?: number;
  condition?: string;
}

/** How rows are split into cells: a per-paraphrase cell is also per question. */
export interface CellSplit {
  byQuestion: boolean;
  byParaphrase: boolean;
  byCondition: boolean;
}

/** The split `by` asks for; conditions split whenever any row has one. */
export function cellSplit(rows: Rows, by: readonly Dimension[] = []): CellSplit {
  const byParaphrase = by.includes('paraphrase');
  return { byParaphrase, byQuestion: byParaphrase || by.includes('question'), byCondition: by.includes('condition') || someRow(rows, (r) => conditionOf(r.question).condition !== undefined) };
}

/** The split a cell's key was made by. */
export function splitOfKey(key: CellKey): CellSplit {
  const byParaphrase = key.paraphraseIx !== undefined;
  return { byParaphrase, byQuestion: byParaphrase || key.question !== undefined, byCondition: true };
}

/** The cell a row falls in, and an id equal for rows of the same cell. */
export function cellOf(row: ScoredRow, split: CellSplit): { id: string; key: CellKey } {
  const { question, condition } = conditionOf(row.question);
  const key: CellKey = {
    ...(split.byQuestion ? { question } : {}),
    ...(split.byParaphrase ? { paraphraseIx: row.paraphraseIx } : {}),
    ...(split.byCondition && condition !== undefined ? { condition } : {}),
  };
  return { id: JSON.stringify([key.question, key.paraphraseIx, key.condition]), key };
}

/** Whether two keys name the same cell. */
export function sameCell(a: CellKey, b: CellKey): boolean {
  return a.question === b.question && a.paraphraseIx === b.paraphraseIx && a.condition === b.condition;
}

/** The prompt of a row's paraphrase as the model saw it (shown in per-paraphrase cells). */
export function promptOf(row: ScoredRow): string {
  return [...row.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}
