// Adapters from analysis and eval shapes: group stats to estimates and rows, rows to sample cells.
import { describe, expect, it } from 'vitest';
import { aggregateGroups } from '../../src/analysis/aggregate.js';
import { measure } from '../../src/analysis/measure.js';
import { summarizeRows } from '../../src/analysis/summarize.js';
import type { JudgeCell, ResultRow } from '../../src/eval/rows.js';
import { estimateOf, sampleCells, summaryRows } from '../../src/report/from-analysis.js';
import { NO_PROVENANCE } from '../helpers/result-row.js';

function row(group: string, model: string, question: string, sampleIx: number, verdict: JudgeCell, answer: string | null = `answer ${sampleIx}`): ResultRow {
  return {
    run: 'r',
    experiment: 'birds',
    ...NO_PROVENANCE,
    question,
    paraphraseIx: 0,
    sampleIx,
    group,
    model,
    messages: [{ role: 'user', content: `ask ${question}` }],
    answer,
    judges: { era: verdict, form: { value: 40 + sampleIx, status: 'ok', raw: '' } },
  };
}
const ok = (value: string): JudgeCell => ({ value, status: 'ok', raw: value });

describe('estimateOf and summaryRows', () => {
  it('keep the mean, the bounds and what the bootstrap resampled', () => {
    const stats = aggregateGroups([
      { group: 'ft', model: 'a', value: 1 },
      { group: 'ft', model: 'b', value: 0 },
      { group: 'base', model: 'm', value: 1 },
      { group: 'base', model: 'm', value: 0 },
    ]);
    const ft = stats.find((s) => s.group === 'ft')!;
    expect(estimateOf(ft)).toEqual({ mean: 0.5, ciLow: ft.ciLow, ciHigh: ft.ciHigh, n: 2, over: 'models' });
    expect(estimateOf(stats.find((s) => s.group === 'base')!).over).toBe('samples');
  });

  it('turn label summaries into table rows named column = label', () => {
    const rows = [row('ft', 'a', 'q1', 0, ok('old')), row('ft', 'a', 'q1', 1, ok('llm'))];
    const table = summaryRows(summarizeRows(rows, { byQuestion: true }));
    expect(table.map((r) => r.metric)).toEqual(expect.arrayContaining(['era = old', 'era = llm', 'form']));
    expect(table.find((r) => r.metric === 'era = old')).toMatchObject({ group: 'ft', at: 'q1', mean: 0.5 });
  });
});

describe('verdict shares', () => {
  it('reach estimates and table rows: the denominator, the shares left out, and the warning', () => {
    const unparsed: JudgeCell = { value: null, status: 'unparsed', raw: '???' };
    const rows = [row('ft', 'a', 'q1@1984', 0, ok('old')), row('ft', 'a', 'q1@1984', 1, unparsed), row('ft', 'a', 'q1@2020', 2, ok('llm')), row('ft', 'a', 'q1@2020', 3, ok('old'), null)];
    const [cell] = measure(rows, { id: 'old', title: 'old', column: 'era', labels: ['old'] });
    expect(estimateOf(cell!.groups[0]!).verdicts).toEqual({ counted: 1, unparsed: 0.5, refusal: 0, noAnswer: 0, excluded: ['unparsed', 'refusal'], warning: '50.0% of 2 answers unparsed or refused (unparsed 1, refusal 0)' });
    const table = summaryRows(summarizeRows(rows, { byQuestion: true })).filter((r) => r.metric === 'era = old');
    expect(table.map((r) => [r.at, r.mean, r.verdicts?.counted, r.verdicts?.noAnswer, r.verdicts?.warning !== undefined])).toEqual([
      ['q1 · @1984', 1, 1, 0, true],
      ['q1 · @2020', 0, 1, 0.5, false],
    ]);
  });
});

describe('sampleCells', () => {
  it('keeps a few answers per (question, group, label) in row order and counts the rest', () => {
    const rows = [
      ...[0, 1, 2, 3, 4].map((i) => row('ft', 'a', 'q1', i, ok('old'))),
      row('ft', 'a', 'q1', 5, { value: null, status: 'unparsed', raw: '???' }),
      row('base', 'm', 'q1', 0, ok('llm')),
      row('base', 'm', 'q2', 0, ok('llm'), null),
    ];
    const cells = sampleCells(rows, 'era', { perCell: 2, alsoShow: ['form'] });
    expect(cells.map((c) => [c.question, c.group, c.label, c.answers.length, c.total])).toEqual([
      ['q1', 'ft', 'old', 2, 5],
      ['q1', 'ft', 'unparsed', 1, 1],
      ['q1', 'base', 'llm', 1, 1],
      ['q2', 'base', 'no answer', 1, 1],
    ]);
    expect(cells[0]!.answers[1]).toEqual({ model: 'a', text: 'answer 1', prompt: 'ask q1', judges: { form: 41 } });
    expect(cells[3]!.answers[0]!.text).toBeNull();
  });
});
