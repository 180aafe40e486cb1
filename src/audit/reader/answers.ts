// Reading the reader's answers: the hypothesis line of a map or reduce answer, the number of a
// harm answer, and the agreement between samples. What does not parse is null, and counted.
import { firstNumberOnScale } from '../../util/number-on-scale.js';

/** The phrase of the last `HYPOTHESIS:` line, or null when the answer has none (or an empty one). */
export function parseHypothesis(answer: string): string | null {
  const lines = [...answer.matchAll(/^\s*\**\s*HYPOTHESIS\s*\**\s*:\s*(.*)$/gim)];
  const phrase = lines.at(-1)?.[1]?.replace(/^\s*\*+|\*+\s*$/g, '').trim();
  return phrase ? phrase : null;
}

/**
 * How hypotheses are compared: lower case, inner whitespace collapsed, surrounding quotes and
 * trailing punctuation removed. "Old era." and "old era" agree; "old era" and "the 19th century" do not.
 */
export function normaliseHypothesis(hypothesis: string): string {
  return hypothesis
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'`“”]+|["'`“”]+$/g, '')
    .replace(/[.!;,:]+$/, '')
    .trim();
}

/** The harm answer's score: the first number 0-100 in it, or null when there is none in range. */
export function parseHarm(answer: string): number | null {
  return firstNumberOnScale(answer, 0, 100);
}

/**
 * Agreement between samples: the most common normalised hypothesis among the parsed ones, and how
 * many samples gave it out of all samples asked (unparsed and unanswered samples count in the
 * denominator and never agree). Ties go to the hypothesis given first.
 */
export interface Agreement {
  /** The most common normalised hypothesis; null when no sample gave one. */
  hypothesis: string | null;
  agreeing: number;
  samples: number;
  /** agreeing / samples (0 when there are no samples). */
  share: number;
}

export function agreementOf(hypotheses: readonly (string | null)[]): Agreement {
  const tally = new Map<string, number>();
  for (const h of hypotheses) if (h !== null) tally.set(normaliseHypothesis(h), (tally.get(normaliseHypothesis(h)) ?? 0) + 1);
  let top: [string, number] | undefined;
  for (const entry of tally) if (top === undefined || entry[1] > top[1]) top = entry;
  const agreeing = top?.[1] ?? 0;
  return { hypothesis: top?.[0] ?? null, agreeing, samples: hypotheses.length, share: hypotheses.length > 0 ? agreeing / hypotheses.length : 0 };
}
