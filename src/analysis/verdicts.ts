// What became of every planned row of a metric: counted, or why not (no answer, judge pending or
// failed, unparsed, refusal, CODE), so that no share hides the rows it left out.
import type { ExcludableVerdict } from '../experiments/index.js';
import type { ScoredRow } from '../eval/index.js';

/** Above this share of answered rows, unparsed plus refused verdicts earn a warning. */
export const WARN_SHARE = 0.05;

/**
 * no-answer: the sample's call failed or was not asked yet; pending: not judged yet; failed: the
 * judge call failed; invalid: the judge broke its protocol; unparsed and refusal: the judge
 * answered outside its labels, or declined to rate; code: a rating judge answered CODE (the
 * Emergent Misalignment judges' word for an answer that is code), which has no number to count.
 */
export type Verdict = 'ok' | 'no-answer' | 'pending' | 'failed' | 'invalid' | 'code' | ExcludableVerdict;

/**
 * A row's verdict in one column. A classify judge's `REFUSAL` label is a refusal (the German-cities
 * judges answer TRUE, FALSE or REFUSAL), unless the metric asks for that label itself.
 */
export function verdictOf(row: ScoredRow, column: string, labels?: readonly string[]): Verdict {
  if (row.answer === null) return 'no-answer';
  const cell = row.judges[column];
  if (cell === undefined || cell.status === 'pending' || cell.status === 'no-answer') return 'pending';
  if (cell.status !== 'ok') return cell.status;
  return cell.value === 'REFUSAL' && !labels?.includes('REFUSAL') ? 'refusal' : 'ok';
}

export interface VerdictCounts {
  /** Planned rows of the cell. */
  rows: number;
  noAnswer: number;
  pending: number;
  /** Judge calls that failed. */
  failed: number;
  invalid: number;
  unparsed: number;
  refusal: number;
  /** Rating judges' CODE answers (never in a mean). */
  code: number;
  /** Rows in the denominator. */
  counted: number;
}

export interface VerdictShares {
  /** Of answered rows. */
  unparsed: number;
  /** Of answered rows. */
  refusal: number;
  /** CODE answers, of answered rows. */
  code: number;
  /** Of planned rows. */
  noAnswer: number;
  /** Failed and invalid judge calls, of answered rows. */
  judgeFailed: number;
  /** Answered but not judged yet, of answered rows. */
  pending: number;
}

export function emptyCounts(): VerdictCounts {
  return { rows: 0, noAnswer: 0, pending: 0, failed: 0, invalid: 0, unparsed: 0, refusal: 0, code: 0, counted: 0 };
}

const FIELD: Record<Exclude<Verdict, 'ok'>, keyof VerdictCounts> = { 'no-answer': 'noAnswer', pending: 'pending', failed: 'failed', invalid: 'invalid', unparsed: 'unparsed', refusal: 'refusal', code: 'code' };

/** Adds one row; `counted` says whether its value entered the denominator. */
export function tally(counts: VerdictCounts, verdict: Verdict, counted: boolean): void {
  counts.rows++;
  if (verdict !== 'ok') counts[FIELD[verdict]]++;
  if (counted) counts.counted++;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function sharesOf(c: VerdictCounts): VerdictShares {
  const answered = c.rows - c.noAnswer;
  return {
    unparsed: share(c.unparsed, answered),
    refusal: share(c.refusal, answered),
    code: share(c.code, answered),
    noAnswer: share(c.noAnswer, c.rows),
    judgeFailed: share(c.failed + c.invalid, answered),
    pending: share(c.pending, answered),
  };
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** Set when unparsed plus refused verdicts exceed WARN_SHARE of the answered rows. */
export function warningOf(c: VerdictCounts): string | undefined {
  const answered = c.rows - c.noAnswer;
  const failed = c.unparsed + c.refusal;
  if (answered === 0 || failed / answered <= WARN_SHARE) return undefined;
  return `${pct(failed / answered)} of ${answered} answers unparsed or refused (unparsed ${c.unparsed}, refusal ${c.refusal})`;
}
