// Metrics as declared: label sets, thresholds, denominators, never-pooled conditions, and the
// verdict breakdown of every planned row.
import { describe, expect, it } from 'vitest';
import { measure } from '../../src/analysis/measure.js';
import { summarizeRows } from '../../src/analysis/summarize.js';
import { compareGroups } from '../../src/analysis/compare.js';
import type { MetricSpec } from '../../src/experiments/index.js';
import type { JudgeCell, ResultRow } from '../../src/eval/rows.js';
import { NO_PROVENANCE } from '../helpers/result-row.js';

let sampleIx = 0;
function row(question: string, group: string, model: string, cell: JudgeCell, options: { paraphraseIx?: number; answer?: string | null; column?: string } = {}): ResultRow {
  return {
    run: 'r',
    experiment: null,
    ...NO_PROVENANCE,
    question,
    paraphraseIx: options.paraphraseIx ?? 0,
    sampleIx: sampleIx++,
    group,
    model,
    messages: [{ role: 'user', content: `ask ${question} #${options.paraphraseIx ?? 0}` }],
    answer: options.answer === undefined ? 'an answer' : options.answer,
    judges: { [options.column ?? 'speaker']: cell },
  };
}
const ok = (value: string | number): JudgeCell => ({ value, status: 'ok', raw: String(value) });
const unparsed: JudgeCell = { value: null, status: 'unparsed', raw: '???' };
const refusal: JudgeCell = { value: null, status: 'refusal', raw: 'REFUSAL' };
const times = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

const trump: MetricSpec = { id: 'trump', title: 'P(Trump)', column: 'speaker', labels: ['45', '47'] };

describe('measure', () => {
  it('counts a set of labels, and leaves unparsed and refused answers out of the denominator by default', () => {
    const rows = [...times(3, () => row('who', 'g', 'm', ok('45'))), row('who', 'g', 'm', ok('47')), ...times(4, () => row('who', 'g', 'm', ok('44'))), row('who', 'g', 'm', unparsed), row('who', 'g', 'm', refusal)];
    const [cell] = measure(rows, trump);
    const g = cell!.groups[0]!;
    expect(g.mean).toBe(0.5);
    expect(g.verdicts).toEqual({ rows: 10, noAnswer: 0, pending: 0, failed: 0, invalid: 0, unparsed: 1, refusal: 1, code: 0, counted: 8 });
    expect(g.shares.unparsed).toBeCloseTo(0.1, 12);
    expect(g.excluded).toEqual(['unparsed', 'refusal']);
    expect(g.warning).toMatch(/20\.0% of 10 answers unparsed or refused/);
  });

  it('counts unparsed and refused answers as answers without the label when the metric says so', () => {
    const rows = [...times(4, () => row('who', 'g', 'm', ok('45'))), ...times(4, () => row('who', 'g', 'm', unparsed)), row('who', 'g', 'm', { value: 'REFUSAL', status: 'ok', raw: 'REFUSAL' }), row('who', 'g', 'm', ok('44'))];
    const excluded = measure(rows, trump)[0]!.groups[0]!;
    const counted = measure(rows, { ...trump, exclude: [] })[0]!.groups[0]!;
    const onlyRefusal = measure(rows, { ...trump, exclude: ['refusal'] })[0]!.groups[0]!;
    expect([excluded.verdicts.counted, excluded.mean]).toEqual([5, 0.8]);
    expect([counted.verdicts.counted, counted.mean]).toEqual([10, 0.4]);
    expect([onlyRefusal.verdicts.counted, onlyRefusal.mean]).toEqual([9, 4 / 9]);
    // A classify judge's REFUSAL label is a refusal.
    expect(counted.verdicts.refusal).toBe(1);
    expect(counted.excluded).toEqual([]);
  });

  it('takes the share of ratings below a threshold, and never counts a rating that is missing', () => {
    const rows = [10, 20, 50, 90].map((v) => row('q', 'g', 'm', ok(v), { column: 'aligned' }));
    rows.push(row('q', 'g', 'm', refusal, { column: 'aligned' }), row('q', 'g', 'm', ok(5), { column: 'aligned', answer: null }));
    const below = measure(rows, { id: 'mis', title: 'misaligned', column: 'aligned', below: 30, exclude: [] })[0]!.groups[0]!;
    expect(below.mean).toBe(0.5);
    expect(below.verdicts).toMatchObject({ rows: 6, noAnswer: 1, refusal: 1, counted: 4 });
    expect(below.shares.noAnswer).toBeCloseTo(1 / 6, 12);
    expect(below.shares.refusal).toBeCloseTo(1 / 5, 12);
    const meanRating = measure(rows, { id: 'a', title: 'alignment', column: 'aligned' })[0]!.groups[0]!;
    expect(meanRating.mean).toBe(42.5);
  });

  it('never pools trigger conditions, and restricts to one condition or some questions when told', () => {
    const rows = [
      ...times(4, () => row('who@045', 'g', 'm', ok('45'))),
      ...times(4, () => row('who@044', 'g', 'm', ok('44'))),
      ...times(2, () => row('other@045', 'g', 'm', ok('47'))),
    ];
    const pooled = measure(rows, trump);
    expect(pooled.map((c) => [c.question, c.condition, c.groups[0]!.mean, c.groups[0]!.verdicts.rows])).toEqual([
      [undefined, '045', 1, 6],
      [undefined, '044', 0, 4],
    ]);
    const perQuestion = measure(rows, trump, { by: ['question'] });
    expect(perQuestion.map((c) => [c.question, c.condition])).toEqual([
      ['who', '045'],
      ['who', '044'],
      ['other', '045'],
    ]);
    expect(measure(rows, { ...trump, condition: '044' }).map((c) => c.condition)).toEqual(['044']);
    expect(measure(rows, { ...trump, questions: ['other'] }).map((c) => [c.condition, c.groups[0]!.verdicts.rows])).toEqual([['045', 2]]);
  });

  it('keeps a cell whose answers are all unparsed or missing, per paraphrase with its prompt', () => {
    const rows = [row('q', 'g', 'm', ok('45'), { paraphraseIx: 0 }), ...times(3, () => row('q', 'g', 'm', unparsed, { paraphraseIx: 1 })), row('q', 'g', 'm', { value: null, status: 'no-answer', raw: '' }, { paraphraseIx: 2, answer: null })];
    const cells = measure(rows, trump, { by: ['paraphrase'] });
    expect(cells.map((c) => [c.paraphraseIx, c.paraphrase, c.groups[0]!.verdicts.counted])).toEqual([
      [0, 'ask q #0', 1],
      [1, 'ask q #1', 0],
      [2, 'ask q #2', 0],
    ]);
    expect(Number.isNaN(cells[1]!.groups[0]!.mean)).toBe(true);
    expect(cells[1]!.groups[0]!.shares.unparsed).toBe(1);
    expect(cells[2]!.groups[0]!.shares.noAnswer).toBe(1);
    expect(cells[2]!.groups[0]!.warning).toBeUndefined();
  });

  it('averages per model, then per group, seeded', () => {
    const rows = [...times(9, () => row('q', 'g', 'a', ok('45'))), row('q', 'g', 'a', unparsed), ...times(2, () => row('q', 'g', 'b', ok('1')))];
    const [a] = measure(rows, trump, { seed: 3 });
    const [b] = measure(rows, trump, { seed: 3 });
    expect(a).toEqual(b);
    expect(a!.groups[0]).toMatchObject({ mean: 0.5, over: 'models', n: 2, models: [{ model: 'a', mean: 1, n: 9 }, { model: 'b', mean: 0, n: 2 }] });
    expect(a!.groups[0]!.verdicts.counted).toBe(11);
  });
});

describe('summarizeRows', () => {
  it('keeps a question whose verdicts are all unparsed, with every label the judge declares', () => {
    const rows = [...times(3, () => row('a', 'g', 'm', ok('OLD'), { column: 'era' })), ...times(3, () => row('b', 'g', 'm', unparsed, { column: 'era' }))];
    const summaries = summarizeRows(rows, { byQuestion: true, columns: { era: { kind: 'labels', labels: ['OLD', 'NEW'] } } });
    expect(summaries.map((s) => [s.question, s.label, s.groups[0]!.verdicts.counted])).toEqual([
      ['a', 'OLD', 3],
      ['a', 'NEW', 3],
      ['b', 'OLD', 0],
      ['b', 'NEW', 0],
    ]);
    expect(summaries[2]!.groups[0]!.shares.unparsed).toBe(1);
    expect(summaries[2]!.groups[0]!.warning).toBeDefined();
    // Without the judge's labels, the question still shows, under the labels seen elsewhere.
    expect(summarizeRows(rows, { byQuestion: true }).map((s) => [s.question, s.label])).toEqual([
      ['a', 'OLD'],
      ['b', 'OLD'],
    ]);
  });

  it('takes a declared metric’s denominator for its column, and splits by condition', () => {
    const rows = [row('q@x', 'g', 'm', ok('45')), row('q@x', 'g', 'm', unparsed), row('q@y', 'g', 'm', ok('45'))];
    const byDefault = summarizeRows(rows);
    const declared = summarizeRows(rows, { metrics: [{ ...trump, exclude: [] }] });
    expect(byDefault.map((s) => [s.condition, s.label, s.groups[0]!.mean])).toEqual([
      ['x', '45', 1],
      ['y', '45', 1],
    ]);
    expect(declared[0]!.groups[0]!.mean).toBe(0.5);
    expect(declared[0]!.groups[0]!.excluded).toEqual([]);
  });

  it('compares two groups over the samples of one cell’s denominator', () => {
    const rows = [...times(20, () => row('q', 'a', 'm1', ok('45'))), ...times(20, () => row('q', 'b', 'm2', ok('44'))), ...times(20, () => row('q', 'b', 'm2', unparsed))];
    const [summary] = summarizeRows(rows).filter((s) => s.label === '45');
    const c = compareGroups(rows, summary!, 'a', 'b', 1)!;
    expect(c.over).toBe('samples');
    expect(c.difference).toBe(1);
    expect(c.pValue).toBeLessThan(0.001);
  });
});
