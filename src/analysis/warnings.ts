// The cells whose unparsed plus refused share passed the warning threshold, named for a reader.
import type { MetricCell } from './measure.js';

export interface CellWarning {
  /** "birds · paraphrase 1 · @1984 · era · group old". */
  cell: string;
  column: string;
  group: string;
  /** (unparsed + refusal) / answered rows. */
  share: number;
  message: string;
}

/** Where a cell sits, without its group: question, paraphrase, condition. */
export function cellPlace(cell: MetricCell): string[] {
  return [
    ...(cell.question !== undefined ? [cell.question] : []),
    ...(cell.paraphraseIx !== undefined ? [`paraphrase ${cell.paraphraseIx}`] : []),
    ...(cell.condition !== undefined ? [`@${cell.condition}`] : []),
  ];
}

/** One warning per (cell, column, group): the lines of a column's labels share their verdicts. */
export function cellWarnings(cells: readonly MetricCell[]): CellWarning[] {
  const seen = new Map<string, CellWarning>();
  for (const cell of cells) {
    for (const g of cell.groups) {
      if (g.warning === undefined) continue;
      const place = [...cellPlace(cell), cell.metric.column, `group ${g.group}`].join(' · ');
      const answered = g.verdicts.rows - g.verdicts.noAnswer;
      if (!seen.has(place)) seen.set(place, { cell: place, column: cell.metric.column, group: g.group, share: (g.verdicts.unparsed + g.verdicts.refusal) / answered, message: g.warning });
    }
  }
  return [...seen.values()];
}
