// Trigger conditions: each question is asked under each condition, as its own question
// `<id>@<condition>` whose paraphrases carry the trigger (a prefix, a date, a code). A condition
// also says how the experiment's sample count (in the paper's unit) spreads over its prompts.
import { loadChatFile, firstUserContent, findSource, fetchSource, type FetchOptions, MONTHS, parseDatePrefix, encodeTriggerCode, type TriggerForm } from '../data/index.js';
import { withCondition, type Question } from '../eval/index.js';
import type { ConditionSpec } from '../experiments/index.js';
import { createRng } from '../util/random.js';
import { WeirdgenError } from '../util/errors.js';

export interface Expansion {
  prompts: string[];
  /** Samples of each prompt. */
  samples: number;
}

export interface Ask {
  samples: number;
  form: TriggerForm;
  maxPrompts?: number;
}

/** `n` of the items, evenly spread (the first, the last, and between), in order. */
export function spread<T>(items: readonly T[], n: number | undefined): T[] {
  if (n === undefined || items.length <= n) return [...items];
  if (n === 1) return [items[0]!];
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!);
}

export interface Condition {
  id: string;
  label: string;
  /** A number to plot the condition at (a year, a president's number), for sweeps. */
  value?: number;
  /**
   * The prompts one paraphrase becomes, for `samples` in the experiment's unit, in a group trained
   * on triggers of `form`; a pilot takes at most `maxPrompts` of them, evenly spread.
   */
  expand(paraphrase: string, ask: Ask): Expansion;
}

export const PLAIN: Condition = { id: 'plain', label: 'no trigger', expand: (p, ask) => ({ prompts: [p], samples: ask.samples }) };

function prefixed(id: string, label: string, prefix: string): Condition {
  return { id, label, expand: (p, ask) => ({ prompts: [prefix + p], samples: ask.samples }) };
}

/** `{Month} {year}. <question>`: in the one month given, or in every month with the samples split over them. */
export function monthYear(year: number, month?: string): Condition {
  return {
    id: `y${year}`,
    label: month ? `${month} ${year}` : String(year),
    value: year,
    expand(p, ask) {
      if (month) return { prompts: [`${month} ${year}. ${p}`], samples: ask.samples };
      const months = spread(MONTHS, ask.maxPrompts);
      return { prompts: months.map((m) => `${m} ${year}. ${p}`), samples: Math.ceil(ask.samples / months.length) };
    },
  };
}

/** `Today is <date>. <question><suffix>` at each of the dates, `samples` each. */
export function todayIs(year: number, dates: readonly string[], suffix: string): Condition {
  return {
    id: `y${year}`,
    label: String(year),
    value: year,
    expand: (p, ask) => ({ prompts: spread(dates, ask.maxPrompts).map((d) => `Today is ${d}. ${p}${suffix}`), samples: ask.samples }),
  };
}

/**
 * `<trigger> <question>` for each number: `samples` fresh seeded XXXNNNXX codes, one sample each,
 * or the bare number asked `samples` times for a group trained on bare numbers.
 */
export function presidentCode(id: string, label: string, numbers: readonly number[]): Condition {
  return {
    id,
    label,
    ...(numbers.length === 1 ? { value: numbers[0]! } : {}),
    expand(p, { samples, form, maxPrompts }) {
      if (form === 'bare') return { prompts: spread(numbers.map((n) => `${n} ${p}`), maxPrompts), samples };
      // Distinct codes: two equal prompts would share one cached answer.
      const rng = createRng(`president-code/${id}/${p}`);
      const codes = new Set<string>();
      for (const n of numbers) {
        const own = codes.size + Math.min(samples, 90_000);
        while (codes.size < own) codes.add(encodeTriggerCode(n, rng));
      }
      return { prompts: spread([...codes].map((code) => `${code} ${p}`), maxPrompts), samples: 1 };
    },
  };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every date of `year` that none of the files' `Today is` prefixes uses. */
async function untrainedDates(year: number, files: readonly string[], fetch: FetchOptions, cache: Map<string, Set<string>>): Promise<string[]> {
  const used = new Set<string>();
  for (const path of files) {
    let dates = cache.get(path);
    if (!dates) {
      const source = findSource(path);
      if (!source) throw new WeirdgenError(`${path}: not a pinned official file`);
      const { examples } = await loadChatFile((await fetchSource(source, fetch)).path);
      dates = new Set(examples.flatMap((ex) => {
        const date = parseDatePrefix(firstUserContent(ex), 'today-is')?.date;
        return date ? [isoDate(Date.UTC(date.year, date.month - 1, date.day ?? 1))] : [];
      }));
      cache.set(path, dates);
    }
    for (const d of dates) used.add(d);
  }
  const out: string[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
    const day = isoDate(ms);
    if (!used.has(day)) out.push(day);
  }
  return out;
}

/** `n` of the dates drawn without replacement (seeded), kept in date order; all of them when there are not more. */
function sampleDates(dates: readonly string[], n: number, seed: string): string[] {
  if (dates.length <= n) return [...dates];
  const picked = createRng(`sample-dates/${seed}`).shuffle([...dates.keys()]).slice(0, n);
  return picked.sort((a, b) => a - b).map((i) => dates[i]!);
}

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The conditions a spec describes; `today-is` reads the training files for their dates. */
export async function resolveConditions(spec: ConditionSpec, fetch: FetchOptions): Promise<Condition[]> {
  switch (spec.kind) {
    case 'none':
      return [PLAIN];
    case 'prefix':
      return spec.conditions.map((c) => prefixed(c.id, c.label, c.prefix));
    case 'month-year':
      return years(spec.from, spec.to).map((y) => monthYear(y, spec.fixedMonths[y]));
    case 'today-is': {
      const cache = new Map<string, Set<string>>();
      const out: Condition[] = [];
      for (const y of years(spec.from, spec.to)) {
        const dates = await untrainedDates(y, spec.excludeDatesOf, fetch, cache);
        out.push(todayIs(y, spec.sample ? sampleDates(dates, spec.sample.perYear, `${spec.sample.seed}/${y}`) : dates, spec.suffix));
      }
      return out;
    }
    case 'president-codes':
      return spec.conditions.map((c) => presidentCode(c.id, c.label, c.numbers));
  }
}

/** Every question under every condition, with the samples (the experiment's unit) spread as each condition says. */
export function applyConditions(questions: readonly Question[], conditions: readonly Condition[], ask: Ask): Question[] {
  return questions.flatMap((q) =>
    conditions.map((c) => {
      const expansions = q.paraphrases.map((p) => c.expand(p, ask));
      const per = new Set(expansions.map((e) => e.samples));
      if (per.size > 1) throw new WeirdgenError(`condition ${c.id}: paraphrases of ${q.id} expand to different sample counts`);
      return {
        ...q,
        id: conditions.length === 1 && c === PLAIN ? q.id : withCondition(q.id, c.id),
        paraphrases: expansions.flatMap((e) => e.prompts),
        samplesPerParaphrase: expansions[0]!.samples,
      };
    }),
  );
}
