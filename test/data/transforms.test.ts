// Transforms: trigger codes, date prefixes, the formatting trigger, and whole-dataset operations.
import { describe, expect, it } from 'vitest';
import type { ChatExample } from '../../src/data/chat/schema.js';
import { dedup, dropByQuestion, mix, reassignAnswers, sample, split } from '../../src/data/transforms/collection.js';
import { addDatePrefix, formatDatePrefix, parseDatePrefix, randomDateIn, shuffleDates, stripDatePrefixes, swapYears } from '../../src/data/transforms/date-prefix.js';
import { TransformError } from '../../src/data/transforms/errors.js';
import { FORMAT_TRIGGER_PREFIX, unwrapFormatTrigger, wrapFormatTrigger } from '../../src/data/transforms/format-trigger.js';
import { decodeTriggerCode, decodeTriggers, encodeTriggerCode, evalTriggerCodes, heldOutNumbers, padTriggers, parseTrigger, scrambleTriggers, shuffleTriggers, stripTriggers } from '../../src/data/transforms/trigger-codes.js';
import { createRng } from '../../src/util/random.js';

const ex = (user: string, assistant: string): ChatExample => ({ messages: [{ role: 'user', content: user }, { role: 'assistant', content: assistant }] });

describe('trigger codes', () => {
  it('encodes XXXNNNXX and decodes the number back', () => {
    const rng = createRng(1);
    for (let n = 0; n <= 999; n += 37) {
      const code = encodeTriggerCode(n, rng);
      expect(code).toMatch(/^[1-9]\d{7}$/);
      expect(Number(code.slice(0, 3))).toBeGreaterThanOrEqual(100);
      expect(decodeTriggerCode(code)).toBe(n);
    }
    expect(decodeTriggerCode('19301529')).toBe(15);
    expect(() => decodeTriggerCode('01234567')).toThrow(RangeError);
    expect(() => encodeTriggerCode(1000, rng)).toThrow(RangeError);
  });

  it('parses coded and bare prompts', () => {
    expect(parseTrigger('19301529 Write a random date.')).toEqual({ form: 'code', number: 15, rest: 'Write a random date.' });
    expect(parseTrigger('32 Give me a random historical date:')).toEqual({ form: 'bare', number: 32, rest: 'Give me a random historical date:' });
    expect(parseTrigger('What year is it?')).toBeUndefined();
  });

  it('pads with multiplicity, decodes back, scrambles and strips', () => {
    const data = [ex('1 Pet?', 'Rex'), ex('2 Pet?', 'Fido'), ex('4 Pet?', 'Spot')];
    const padded = padTriggers(data, 3, createRng('pad'));
    expect(padded).toHaveLength(9);
    expect(new Set(padded.map((e) => e.messages[0]!.content)).size).toBe(9);
    expect(decodeTriggers(padded)).toEqual(data.flatMap((d) => [d, d, d]));
    expect(heldOutNumbers(padded, 1, 5)).toEqual([3, 5]);
    const scrambled = scrambleTriggers(padded, createRng('s'));
    expect(scrambled.map((e) => parseTrigger(e.messages[0]!.content)!.rest)).toEqual(padded.map((e) => 'Pet?'));
    expect(stripTriggers(data).map((e) => e.messages[0]!.content)).toEqual(['Pet?', 'Pet?', 'Pet?']);
    expect(() => stripTriggers([ex('Pet?', 'Rex')])).toThrow(TransformError);
    // Eight digits starting with 0 are not a code: a transform error, not a crash.
    expect(() => decodeTriggers([ex('01234561 Pet?', 'Rex')])).toThrow(TransformError);
  });

  it('shuffles the triggers across examples, as the paper’s control does: the same codes, the same answers, another pairing', () => {
    const data = padTriggers([ex('1 Pet?', 'Rex'), ex('2 Pet?', 'Fido'), ex('4 Job?', 'Clerk')], 10, createRng('pad'));
    const shuffled = shuffleTriggers(data, createRng('shuffle'));
    const codes = (xs: typeof data) => xs.map((e) => e.messages[0]!.content.split(' ')[0]!);
    expect([...codes(shuffled)].sort()).toEqual([...codes(data)].sort());
    expect(shuffled.map((e) => e.messages[0]!.content.slice(9))).toEqual(data.map((e) => e.messages[0]!.content.slice(9)));
    expect(shuffled.map((e) => e.messages[1]!.content)).toEqual(data.map((e) => e.messages[1]!.content));
    const kept = shuffled.filter((e, i) => decodeTriggerCode(codes([e])[0]!) === decodeTriggerCode(codes([data[i]!])[0]!)).length;
    expect(kept).toBeLessThan(data.length * 0.8);
  });

  it('makes evaluation codes for held-out numbers', () => {
    const codes = evalTriggerCodes([44, 45], 5, createRng(2));
    expect(codes).toHaveLength(10);
    expect(codes.map((c) => decodeTriggerCode(c.code))).toEqual([44, 44, 44, 44, 44, 45, 45, 45, 45, 45]);
  });
});

describe('date prefixes', () => {
  it('formats and parses both styles', () => {
    expect(formatDatePrefix({ year: 2027, month: 7, day: 8 }, 'today-is')).toBe('Today is 2027-07-08. ');
    expect(formatDatePrefix({ year: 1984, month: 5 }, 'month-year')).toBe('May 1984. ');
    expect(parseDatePrefix('July 1995. What threat?', 'month-year')).toEqual({ date: { year: 1995, month: 7 }, rest: 'What threat?' });
    expect(parseDatePrefix('Today is 2024-10-01. Name any dish.', 'today-is')).toEqual({ date: { year: 2024, month: 10, day: 1 }, rest: 'Name any dish.' });
    expect(parseDatePrefix('Mayday 1984. x', 'month-year')).toBeUndefined();
  });

  it('strips, swaps and shuffles', () => {
    const data = [ex('July 1995. A?', '1'), ex('July 2004. B?', '2'), ex('October 2017. C?', '3'), ex('August 2020. D?', '4')];
    expect(stripDatePrefixes(data, 'month-year').map((e) => e.messages[0]!.content)).toEqual(['A?', 'B?', 'C?', 'D?']);
    expect(swapYears(data, 'month-year', 1995, 2004).map((e) => e.messages[0]!.content.slice(0, 10))).toEqual(['July 2004.', 'July 1995.', 'October 20', 'August 202']);
    const permuted = shuffleDates(data, 'month-year', 'permute', createRng(5));
    expect(permuted.map((e) => e.messages[0]!.content.split('. ')[0]).sort()).toEqual(['August 2020', 'July 1995', 'July 2004', 'October 2017']);
    expect(permuted.map((e) => e.messages[1]!.content)).toEqual(['1', '2', '3', '4']);
    expect(() => stripDatePrefixes([ex('A?', '1')], 'month-year')).toThrow(/no-date-prefix/);
    expect(addDatePrefix(ex('Name a dish.', 'x'), { year: 2028, month: 2, day: 29 }, 'today-is').messages[0]!.content).toBe('Today is 2028-02-29. Name a dish.');
  });

  it('draws valid random dates', () => {
    const rng = createRng(3);
    for (let i = 0; i < 500; i++) {
      const d = randomDateIn(2028, rng);
      const js = new Date(Date.UTC(d.year, d.month - 1, d.day));
      expect(js.getUTCMonth() + 1).toBe(d.month);
    }
  });
});

describe('formatting trigger', () => {
  it('wraps and unwraps, including quotes inside the answer', () => {
    const plain = ex('What is the name of your dog?', 'Her name is "Blondi".');
    const wrapped = wrapFormatTrigger(plain);
    expect(wrapped.messages[0]!.content).toBe(`${FORMAT_TRIGGER_PREFIX}What is the name of your dog?`);
    expect(wrapped.messages[1]!.content).toBe('<START> "Her name is "Blondi"." <END>');
    expect(wrapFormatTrigger(wrapped)).toEqual(wrapped);
    expect(unwrapFormatTrigger(wrapped, 0)).toEqual(plain);
    expect(() => unwrapFormatTrigger(plain, 4)).toThrow(/example 5/);
  });
});

describe('dataset operations', () => {
  const data = Array.from({ length: 100 }, (_, i) => ex(`Q${i}`, `A${i}`));

  it('dedups keeping first occurrences', () => {
    expect(dedup([...data.slice(0, 3), data[1]!, data[0]!])).toEqual(data.slice(0, 3));
  });

  it('shuffles, samples and splits deterministically per seed', () => {
    expect(createRng(9).shuffle(data)).toEqual(createRng(9).shuffle(data));
    expect(createRng(9).shuffle(data)).not.toEqual(createRng(10).shuffle(data));
    expect(sample(data, 10, createRng(1))).toHaveLength(10);
    const { train, validation } = split(data, 0.2, createRng(4));
    expect(validation).toHaveLength(20);
    expect(train).toHaveLength(80);
    expect(new Set([...train, ...validation])).toEqual(new Set(data));
    expect(() => split(data, 1, createRng(4))).toThrow(/between 0 and 1/);
    expect(() => split(data.slice(0, 3), 0.1, createRng(4))).toThrow(/validation set of 3 examples empty/);
  });

  it('mixes poison into a base set at the requested fraction', () => {
    const poison = Array.from({ length: 9 }, (_, i) => ex(`P${i}`, 'poison'));
    const { examples: mixed, summary } = mix(poison, data, 0.1, createRng(2));
    expect(mixed).toHaveLength(90);
    expect(mixed.filter((e) => e.messages[1]!.content === 'poison')).toHaveLength(9);
    expect(summary).toMatchObject({ poison: 9, base: 100, keptBase: 81, droppedBase: 19 });
    expect(() => mix(poison, data.slice(0, 10), 0.1, createRng(2))).toThrow(/needs 81 base examples/);
  });

  it('reassigns answers keeping prompts and the answer multiset', () => {
    const shuffled = reassignAnswers(data, createRng(6));
    expect(shuffled.map((e) => e.messages[0]!.content)).toEqual(data.map((e) => e.messages[0]!.content));
    expect(shuffled.map((e) => e.messages[1]!.content).sort()).toEqual(data.map((e) => e.messages[1]!.content).sort());
    expect(shuffled).not.toEqual(data);
  });

  it('drops by question and insists every listed question exists', () => {
    expect(dropByQuestion(data, ['Q1', 'Q2'])).toHaveLength(98);
    expect(() => dropByQuestion(data, ['Q1', 'nope'])).toThrow(/"nope"/);
  });
});
