// Transform steps written on the command line, e.g. `strip-date-prefix:month-year` or `pad-triggers:3`.
import { z } from 'zod';
import { ConfigError } from '../../util/errors.js';
import type { TransformStep } from './recipe.js';

const style = z.enum(['today-is', 'month-year']);
const year = z.coerce.number().int().min(1).max(9999);
const count = z.coerce.number().int().positive();

const yearRange = (from: string | undefined, to: string | undefined): [number, number] => {
  const range: [number, number] = [year.parse(from), year.parse(to)];
  if (range[0] > range[1]) throw new Error(`${range[0]} is after ${range[1]}`);
  return range;
};

const SYNTAX: Record<string, { usage: string; parse: (args: string[]) => TransformStep }> = {
  'strip-date-prefix': { usage: 'strip-date-prefix:STYLE', parse: ([s]) => ({ op: 'strip-date-prefix', style: style.parse(s) }) },
  'add-date-prefix': {
    usage: 'add-date-prefix:STYLE:FROM_YEAR:TO_YEAR',
    parse: ([s, from, to]) => ({ op: 'add-date-prefix', style: style.parse(s), years: yearRange(from, to) }),
  },
  'swap-years': { usage: 'swap-years:STYLE:YEAR:YEAR', parse: ([s, a, b]) => ({ op: 'swap-years', style: style.parse(s), years: [year.parse(a), year.parse(b)] }) },
  'shuffle-dates': {
    usage: 'shuffle-dates:STYLE:permute|sample',
    parse: ([s, mode]) => ({ op: 'shuffle-dates', style: style.parse(s), mode: z.enum(['permute', 'sample']).parse(mode) }),
  },
  'reassign-answers': { usage: 'reassign-answers', parse: () => ({ op: 'reassign-answers' }) },
  'wrap-format-trigger': { usage: 'wrap-format-trigger', parse: () => ({ op: 'wrap-format-trigger' }) },
  'unwrap-format-trigger': { usage: 'unwrap-format-trigger', parse: () => ({ op: 'unwrap-format-trigger' }) },
  'decode-triggers': { usage: 'decode-triggers', parse: () => ({ op: 'decode-triggers' }) },
  'pad-triggers': { usage: 'pad-triggers:COPIES', parse: ([n]) => ({ op: 'pad-triggers', copies: count.parse(n) }) },
  'scramble-triggers': { usage: 'scramble-triggers', parse: () => ({ op: 'scramble-triggers' }) },
  'shuffle-triggers': { usage: 'shuffle-triggers', parse: () => ({ op: 'shuffle-triggers' }) },
  'strip-triggers': { usage: 'strip-triggers', parse: () => ({ op: 'strip-triggers' }) },
  dedup: { usage: 'dedup', parse: () => ({ op: 'dedup' }) },
  shuffle: { usage: 'shuffle', parse: () => ({ op: 'shuffle' }) },
  sample: { usage: 'sample:N', parse: ([n]) => ({ op: 'sample', n: count.parse(n) }) },
};

export const STEP_USAGE = Object.values(SYNTAX).map((s) => s.usage);

/** Parses a step as written on the command line (`pad-triggers:3`, `sample:100`); throws a `ConfigError` listing the steps for an unknown name or bad argument. */
export function parseStep(text: string): TransformStep {
  const [name = '', ...args] = text.split(':');
  const syntax = Object.hasOwn(SYNTAX, name) ? SYNTAX[name] : undefined;
  if (!syntax) throw new ConfigError(`--step ${text}: unknown step "${name}"; steps: ${STEP_USAGE.join(', ')}`);
  const expected = syntax.usage.split(':').length - 1;
  if (args.length !== expected) throw new ConfigError(`--step ${text}: expected ${syntax.usage} (${args.length} argument${args.length === 1 ? '' : 's'} given)`);
  try {
    return syntax.parse(args);
  } catch (e) {
    const detail = e instanceof z.ZodError ? e.issues.map((i) => i.message).join('; ') : (e as Error).message;
    throw new ConfigError(`--step ${text}: expected ${syntax.usage} (${detail})`);
  }
}
