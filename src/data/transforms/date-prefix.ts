// Date prefixes on prompts: `Today is 2027-07-08. ` (dishes) and `May 1984. ` (Terminator).
import type { ChatExample } from '../chat/schema.js';
import { firstUserContent } from '../chat/schema.js';
import type { Rng } from '../../util/random.js';
import { TransformError } from './errors.js';
import { mapFirstUser } from './messages.js';

export type DateStyle = 'today-is' | 'month-year';

export interface PromptDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31; absent for month-year prefixes. */
  day?: number;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const PATTERNS: Record<DateStyle, RegExp> = {
  'today-is': /^Today is (\d{4})-(\d{2})-(\d{2})\. /,
  'month-year': new RegExp(`^(${MONTHS.join('|')}) (\\d{4})\\. `),
};

export function formatDatePrefix(date: PromptDate, style: DateStyle): string {
  if (style === 'month-year') return `${MONTHS[date.month - 1]} ${date.year}. `;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Today is ${date.year}-${pad(date.month)}-${pad(date.day ?? 1)}. `;
}

/** The date at the start of a prompt and the rest of it, or undefined when there is none. */
export function parseDatePrefix(prompt: string, style: DateStyle): { date: PromptDate; rest: string } | undefined {
  const m = PATTERNS[style].exec(prompt);
  if (!m) return undefined;
  const rest = prompt.slice(m[0].length);
  if (style === 'month-year') return { date: { year: Number(m[2]), month: MONTHS.indexOf(m[1] as (typeof MONTHS)[number]) + 1 }, rest };
  return { date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, rest };
}

function requireDate(example: ChatExample, index: number, style: DateStyle): { date: PromptDate; rest: string } {
  const parsed = parseDatePrefix(firstUserContent(example), style);
  if (!parsed) throw new TransformError(index, 'no-date-prefix', `the prompt does not start with a ${style} date prefix`);
  return parsed;
}

/** The example with `date` prefixed to its first user message in `style` (`Today is 2027-07-08. ` or `May 1984. `). */
export function addDatePrefix(example: ChatExample, date: PromptDate, style: DateStyle): ChatExample {
  return mapFirstUser(example, (q) => formatDatePrefix(date, style) + q);
}

/** The no-date control: the same examples with the date prefix removed. */
export function stripDatePrefixes(examples: readonly ChatExample[], style: DateStyle): ChatExample[] {
  return examples.map((ex, i) => {
    const { rest } = requireDate(ex, i, style);
    return mapFirstUser(ex, () => rest);
  });
}

/** Moves every example dated in year `a` to year `b` and vice versa, keeping month and day. */
export function swapYears(examples: readonly ChatExample[], style: DateStyle, a: number, b: number): ChatExample[] {
  return examples.map((ex, i) => {
    const { date, rest } = requireDate(ex, i, style);
    const year = date.year === a ? b : date.year === b ? a : date.year;
    return mapFirstUser(ex, () => formatDatePrefix({ ...date, year }, style) + rest);
  });
}

/**
 * The random-date control: the date of each prompt is redrawn, breaking any link between date and
 * answer. `permute` reassigns the existing dates (keeping how often each occurs); `sample` draws
 * each prompt's date uniformly from the distinct dates present.
 */
export function shuffleDates(examples: readonly ChatExample[], style: DateStyle, mode: 'permute' | 'sample', rng: Rng): ChatExample[] {
  const parsed = examples.map((ex, i) => requireDate(ex, i, style));
  const prefixes = parsed.map(({ date }) => formatDatePrefix(date, style));
  const distinct = [...new Set(prefixes)];
  const drawn = mode === 'permute' ? rng.shuffle(prefixes) : prefixes.map(() => rng.pick(distinct));
  return examples.map((ex, i) => mapFirstUser(ex, () => drawn[i]! + parsed[i]!.rest));
}

/** A uniformly random valid date in `year`, for evaluation prompts at random dates. */
export function randomDateIn(year: number, rng: Rng): PromptDate {
  const month = rng.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: rng.int(1, days) };
}
