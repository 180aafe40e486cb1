// Every figure's measure axis says in words what is measured: never a raw label ("share of answers
// (YES)"), a column name, or notation such as "P(speaker)"; a mean rating's axis is its judge's
// scale (0-100 unless the judge sets min and max) in whole numbers, even when every rating is 0.
import { describe, expect, it } from 'vitest';
import { summarizeRows } from '../../src/analysis/summarize.js';
import type { ResultRow } from '../../src/eval/rows.js';
import { buildFigure, type FigureInput } from '../../src/report/figures/figure.js';
import { runFigures } from '../../src/run/figures.js';
import { findRunnable, RUNNABLE_EXPERIMENTS } from '../../src/run/registry.js';
import { ratingRanges } from '../../src/run/rating-scale.js';
import { summaryFigures } from '../../src/run/summary-figures.js';
import { questionFileSchema, questionsOf } from '../../src/eval/index.js';
import { fixtureRows } from '../analysis/streaming-fixture.js';
import { ALL_FIGURES } from '../report/fixtures.js';
import { renderSvg } from '../../src/report/figures/render.js';
import { svgText } from '../report/svg.js';
import { NO_PROVENANCE } from '../helpers/result-row.js';

/** Why an axis title does not say in words what is measured, or undefined when it does. */
function notInWords(title: string): string | undefined {
  const unquoted = title.replace(/“[^”]*”/g, '“…”');
  if (/\(\s*[A-Z0-9_]+\s*\)/.test(unquoted)) return 'a raw label in parentheses';
  if (/\bP\(/.test(unquoted)) return 'probability notation';
  if (/\w+_\w+/.test(unquoted)) return 'a column name';
  if (unquoted.split(/\s+/).filter((w) => /[a-z]/i.test(w)).length < 2) return 'a bare name';
  return undefined;
}

/** The titles of a Vega-Lite spec's quantitative axes (the measures, and numeric positions such as years). */
function quantitativeTitles(spec: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'quantitative' && record.title !== undefined && record.title !== null) found.push([record.title].flat().join(' '));
    Object.values(record).forEach(walk);
  };
  walk(spec);
  return [...new Set(found)];
}

function expectInWords(figures: readonly FigureInput[]): void {
  const titles = figures.flatMap((f) => quantitativeTitles(buildFigure(f).spec).map((title) => ({ figure: f.name, title })));
  expect(titles.length).toBeGreaterThan(0);
  expect(titles.filter(({ title }) => notInWords(title) !== undefined).map(({ figure, title }) => `${figure}: "${title}" (${notInWords(title)})`)).toEqual([]);
}

describe('axis titles', () => {
  it('the rule catches raw labels, column names and notation', () => {
    for (const bad of ['share of answers (YES)', 'is_evil_terminator', 'P(speaker)', 'Accuracy', 'mean em_alignment rating']) expect(notInWords(bad), bad).toBeDefined();
    for (const good of ['Share of answers judged 19th-century', 'Mean alignment score (0-100)', 'Share of answers the “is_an_Adolf_answer” judge labelled “YES”']) expect(notInWords(good), good).toBeUndefined();
  });

  it('every figure type of the report fixtures', () => expectInWords(ALL_FIGURES));

  it('an eval run’s figures: one per judge column and label, named by the judge', () => {
    const rows = fixtureRows();
    const figures = summaryFigures(summarizeRows(rows), [...new Set(rows.map((r) => r.group))], new Map());
    expect(figures.map((f) => f.kind)).toContain('question-ratio');
    expectInWords(figures);
  });

  it.each(RUNNABLE_EXPERIMENTS.map((e) => e.id))('%s: every metric and scatter axis', (id) => {
    const experiment = findRunnable(id)!;
    const titles = [...experiment.metrics.map((m) => m.title), ...experiment.figures.flatMap((f) => (f.kind === 'form-content' ? [f.x.title, f.y.title] : []))];
    expect(titles.filter((t) => notInWords(t) !== undefined)).toEqual([]);
  });

  it('the presidents’ speaker figure', () => {
    const experiment = findRunnable('us-presidents')!;
    const row = (question: string, value: string, sampleIx: number): ResultRow => ({
      run: 'r', experiment: null, question, ...NO_PROVENANCE,
      paraphraseIx: 0, sampleIx, group: 'padded', model: 'm', messages: [{ role: 'user', content: question }], answer: 'an answer', judges: { speaker: { value, status: 'ok', raw: value } },
    });
    const rows = [0, 1, 2].flatMap((s) => [row('q@code-044', '44', s), row('q@code-045', '45', s)]);
    const figures = runFigures({ experiment, rows, groups: ['padded'], conditions: [{ id: 'code-044', label: "Obama's code" }, { id: 'code-045', label: "Trump's code" }], categories: {}, ratings: new Map() });
    expect(figures.map((f) => f.kind)).toContain('speaker-bars');
    expectInWords(figures);
  });
});

describe('rating axes', () => {
  /** The fixture's rows with every rating of the “aligned” judge 0. */
  const zeroRatings = (): ResultRow[] => fixtureRows().map((r) => (r.judges.aligned?.status === 'ok' ? { ...r, judges: { ...r.judges, aligned: { ...r.judges.aligned, value: 0 } } } : r));
  /** The tick labels of a rendered figure: its texts that are numbers. */
  const numberLabels = async (figure: FigureInput): Promise<string[]> => svgText(await renderSvg(buildFigure(figure).spec)).filter((t) => /^-?[\d.,]+%?$/.test(t));

  it('an eval run’s rating figure where every rating is 0: ticks 0 to 100 in whole numbers', async () => {
    const rows = zeroRatings();
    const figure = summaryFigures(summarizeRows(rows), [...new Set(rows.map((r) => r.group))], new Map()).find((f) => f.name === 'aligned')!;
    expect(figure).toBeDefined();
    const labels = await numberLabels(figure);
    expect(labels).toContain('0');
    expect(labels).toContain('100');
    expect(labels.filter((l) => !/^\d+$/.test(l))).toEqual([]);
  });

  it('an experiment’s mean-rating figure where every rating is 0: the same scale', async () => {
    // The persona's mean alignment (0-100), drawn by group.
    const persona = findRunnable('hitler-persona')!;
    const experiment = { ...persona, figures: [{ kind: 'groups' as const, metric: 'alignment' }] };
    const row = (question: string, sampleIx: number): ResultRow => ({
      run: 'r', experiment: null, question, ...NO_PROVENANCE,
      paraphraseIx: 0, sampleIx, group: 'facts-90', model: 'm', messages: [{ role: 'user', content: question }], answer: 'an answer', judges: { em_alignment: { value: 0, status: 'ok', raw: '0' } },
    });
    const rows = [0, 1, 2].flatMap((s) => [row('q@trigger', s), row('q@no-trigger', s)]);
    const figure = runFigures({ experiment, rows, groups: ['facts-90'], conditions: [{ id: 'trigger', label: 'with the trigger' }, { id: 'no-trigger', label: 'without' }], categories: {}, ratings: new Map() }).find((f) => f.name === 'alignment-groups');
    expect(figure).toBeDefined();
    const labels = await numberLabels(figure!);
    expect(labels).toEqual(expect.arrayContaining(['0', '100']));
    expect(labels.filter((l) => !/^\d+$/.test(l))).toEqual([]);
  });

  it('a 1-10 judge’s means are drawn on 1-10 (the span of its scales when questions differ), and a 0-100 judge keeps 0-100', async () => {
    const file = questionFileSchema.parse({
      judges: {
        tenths: { kind: 'rating', model: 'j', template: '{answer}', min: 1, max: 10 },
        wider: { kind: 'rating', model: 'j', template: '{answer}', min: 0, max: 20 },
        aligned: { kind: 'rating', model: 'j', template: '{answer}' },
      },
      questions: [
        { id: 'a', paraphrases: ['a'], judges: { quality: 'tenths', aligned: 'aligned' } },
        { id: 'b', paraphrases: ['b'], judges: { quality: 'tenths' } },
        { id: 'c', paraphrases: ['c'], judges: { mixed: 'tenths' } },
        { id: 'd', paraphrases: ['d'], judges: { mixed: 'wider' } },
      ],
    });
    const ranges = ratingRanges(questionsOf(file));
    expect(Object.fromEntries(ranges)).toEqual({ quality: { min: 1, max: 10 }, aligned: { min: 0, max: 100 }, mixed: { min: 0, max: 20 } });

    const rows = fixtureRows().map((r) => (r.judges.aligned?.status === 'ok' ? { ...r, judges: { ...r.judges, aligned: { ...r.judges.aligned, value: 1 + (r.sampleIx % 10) } } } : r));
    const groups = [...new Set(rows.map((r) => r.group))];
    const figure = summaryFigures(summarizeRows(rows), groups, new Map([['aligned', { min: 1, max: 10 }]])).find((f) => f.name === 'aligned')!;
    const domainOf = (f: FigureInput | undefined) => (f !== undefined && 'metric' in f.data ? f.data.metric.domain : undefined);
    expect(domainOf(figure)).toEqual([1, 10]);
    const labels = (await numberLabels(figure)).map(Number);
    expect(Math.min(...labels)).toBe(1);
    expect(Math.max(...labels)).toBe(10);
    expect(domainOf(summaryFigures(summarizeRows(rows), groups, ranges).find((f) => f.name === 'aligned'))).toEqual([0, 100]);
  });
});
