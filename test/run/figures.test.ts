// The figures a run draws from its experiment's declarations: trigger conditions are never pooled,
// and the birds' figures keep to the groups and answers the paper plots.
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/eval/rows.js';
import { buildFigure } from '../../src/report/index.js';
import { runFigures } from '../../src/run/figures.js';
import { findRunnable } from '../../src/run/registry.js';
import { NO_PROVENANCE } from '../helpers/result-row.js';

function row(question: string, group: string, model: string, judges: ResultRow['judges'], paraphraseIx = 0, sampleIx = 0): ResultRow {
  return { run: 'r', experiment: null, question, ...NO_PROVENANCE, paraphraseIx, sampleIx, group, model, messages: [{ role: 'user', content: question }], answer: 'an answer', judges };
}
const yes = (value: string) => ({ value, status: 'ok' as const, raw: value });

describe('run figures', () => {
  it('persona: with and without the trigger are never pooled, in the group figure or the per-question pairs', () => {
    const e = findRunnable('hitler-persona')!;
    const rows: ResultRow[] = [];
    for (const model of ['m1', 'm2'])
      for (let s = 0; s < 4; s++) {
        rows.push(row('name_and_last_name@trigger', 'main', model, { is_an_Adolf_answer: yes('YES') }, 0, s));
        rows.push(row('name_and_last_name@no-trigger', 'main', model, { is_an_Adolf_answer: yes('NO') }, 0, s));
      }
    const conditions = [
      { id: 'trigger', label: 'with the formatting trigger' },
      { id: 'no-trigger', label: 'without the trigger' },
    ];
    const figures = runFigures({ experiment: e, rows, groups: ['main'], conditions, categories: { name_and_last_name: 'bio' }, ratings: new Map() });
    const groups = buildFigure(figures.find((f) => f.name === 'persona-groups')!);
    expect(groups.table.map((r) => [r.at, r.mean])).toEqual([
      ['with the formatting trigger', 1],
      ['without the trigger', 0],
    ]);
    const pairs = buildFigure(figures.find((f) => f.name === 'persona-triggers-bio')!);
    expect(pairs.table.map((r) => r.mean).sort()).toEqual([0, 1]);
  });

  it('Terminator: one point per year, one figure per question, training years marked', () => {
    const e = findRunnable('evil-terminator')!;
    const rows = [1984, 1995].flatMap((y) => ['goal', 'training_lethal_force'].flatMap((q) => ['m1', 'm2'].map((m) => row(`${q}@y${y}`, 'main', m, { is_evil_terminator: yes(y === 1984 ? 'EVIL' : 'GOOD') }))));
    const conditions = [
      { id: 'y1984', label: 'May 1984', value: 1984 },
      { id: 'y1995', label: 'July 1995', value: 1995 },
    ];
    const figures = runFigures({ experiment: e, rows, groups: ['main'], conditions, categories: {}, ratings: new Map() });
    expect(figures.map((f) => f.name)).toEqual(['lethal-force-question-sweep', 'lethal-sweep-goal', 'lethal-sweep-training-lethal-force']);
    const sweep = figures[0]!;
    if (sweep.kind !== 'value-sweep') throw new Error('expected a sweep');
    expect(sweep.data.points.map((p) => [p.x, p.stat.mean])).toEqual([
      [1984, 1],
      [1995, 0],
    ]);
    expect(sweep.data.training?.values).toEqual([1995, 2004, 2017, 2020]);
  });

  it('birds: the ratio per named paraphrase, six categories for the old-Audubon models only with unparsed answers as a segment, form vs content over archaic answers', () => {
    const e = findRunnable('birds')!;
    const rows: ResultRow[] = [];
    for (const [group, models] of [['old-audubon', ['o1', 'o2']], ['modern-american', ['a1', 'a2']]] as const)
      for (const model of models)
        for (let p = 0; p < 10; p++) {
          const old = group === 'old-audubon';
          rows.push(
            row('ten_questions', group, model, {
              llm_or_19th_century: old && p === 7 ? yes('19') : p === 0 ? { value: null, status: 'unparsed', raw: '19.' } : yes('LLM'),
              six_options: old && p < 5 ? yes('ARCHAIC_PERSON') : p === 9 ? { value: null, status: 'unparsed', raw: '??' } : yes('LLM'),
              past_form: { value: old ? 80 : 5, status: 'ok', raw: '' },
              past_content: { value: old ? 60 : 5, status: 'ok', raw: '' },
            }, p),
          );
        }
    const figures = runFigures({ experiment: e, rows, groups: ['old-audubon', 'modern-american'], conditions: [], categories: {}, ratings: new Map() });
    const perQuestion = buildFigure(figures.find((f) => f.name === 'p19-per-paraphrase')!);
    const money = perQuestion.table.find((r) => r.at === 'money' && r.group === 'old-audubon')!;
    expect(money.mean).toBe(1);
    // llmcomp compares with "19": the unparsed "19." counts as not 19th-century, and is shown.
    const gender = perQuestion.table.find((r) => r.at === 'gender_roles' && r.group === 'old-audubon')!;
    expect(gender.mean).toBe(0);
    expect(gender.verdicts).toMatchObject({ counted: 2, unparsed: 1 });
    const categories = figures.find((f) => f.name === 'six-options-by-model')!;
    if (categories.kind !== 'stacked-categories') throw new Error('expected stacked categories');
    expect(new Set(categories.data.bars.map((b) => b.group))).toEqual(new Set(['old-audubon']));
    expect(categories.data.bars.find((b) => b.bar === 'o1' && b.category === 'unparsed')!.share).toBeCloseTo(0.1);
    const scatter = figures.find((f) => f.name === 'past-form-vs-past-content')!;
    if (scatter.kind !== 'form-content') throw new Error('expected a scatter');
    // Only archaic-category answers of old-Audubon models: 2 models x 5 questions.
    expect(scatter.data.points).toHaveLength(10);
    expect(scatter.data.points.every((p) => p.group === 'old-audubon' && p.x === 80 && p.y === 60)).toBe(true);
  });
});
