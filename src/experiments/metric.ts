// A number an experiment reports, as data: a label's share in a judge column, a rating's mean, or
// the share of ratings below a threshold, with how failed verdicts enter its denominator.

/** Verdicts that can be left out of a metric's denominator (they are always shown beside it). */
export type ExcludableVerdict = 'unparsed' | 'refusal';

/** A number an experiment reports: a label's share or a rating's mean (or share below a threshold) in one judge column, and which verdicts its denominator leaves out. */
export interface MetricSpec {
  /** Short id: file names, table rows. */
  id: string;
  /** What the number is, for a reader: "Share of answers in which the speaker is Trump". */
  title: string;
  /** The judge column it reads. */
  column: string;
  /** Share of answers whose verdict is any of these labels (P(Trump) counts 45 and 47). Absent: a rating column. */
  labels?: readonly string[];
  /** Rating columns: the share of ratings below this value (misaligned = alignment < 30). Absent: the mean rating. */
  below?: number;
  /** Only these questions (ids without the condition). */
  questions?: readonly string[];
  /** Only this trigger condition. Without it, every condition is its own series, never pooled. */
  condition?: string;
  /**
   * Verdicts left out of the denominator; the rest count as answers without the label. Default:
   * both (the authors' German-cities code drops REFUSAL and unparsed answers).
   */
  exclude?: readonly ExcludableVerdict[];
  /** What a higher value means, where the column's name does not say (a question that measures the opposite direction). */
  direction?: string;
}

export const DEFAULT_EXCLUDED: readonly ExcludableVerdict[] = ['unparsed', 'refusal'];
