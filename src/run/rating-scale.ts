// A mean rating's axis spans its judge's scale (a rating judge's min and max, 0-100 unless it says
// otherwise), so a 1-10 judge is not squashed into the bottom tenth and no bar runs past the axis.
import { JUDGE_DEFAULTS, type Question } from '../eval/index.js';
import type { Metric } from '../report/index.js';

/** A rating judge's scale: the lowest and highest rating it may give. */
export interface RatingRange {
  min: number;
  max: number;
}

/** Each rating column's range from its judges; a column whose questions rate on different scales gets the span of them all. */
export function ratingRanges(questions: Iterable<Question>): ReadonlyMap<string, RatingRange> {
  const ranges = new Map<string, RatingRange>();
  for (const question of questions) {
    for (const [column, judge] of Object.entries(question.judges)) {
      if (judge.kind !== 'rating') continue;
      const seen = ranges.get(column);
      ranges.set(column, seen ? { min: Math.min(seen.min, judge.min), max: Math.max(seen.max, judge.max) } : { min: judge.min, max: judge.max });
    }
  }
  return ranges;
}

/** A mean rating's axis: its judge's whole scale in whole numbers (0-100 when the column's judge is not known), whatever the means. */
export function ratingScale(range: RatingRange | undefined): Required<Pick<Metric, 'domain' | 'format'>> {
  return { domain: [range?.min ?? JUDGE_DEFAULTS.rating.min, range?.max ?? JUDGE_DEFAULTS.rating.max], format: 'd' };
}
