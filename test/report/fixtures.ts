// Small, hand-written figure data of every kind (numbers made up, shaped like the paper's).
import type { FigureInput } from '../../src/report/figures/figure.js';
import type { Estimate, Over } from '../../src/report/figures/types.js';

const est = (mean: number, half: number, n: number, over: Over = 'models'): Estimate => ({ mean, ciLow: Math.max(0, mean - half), ciHigh: Math.min(1, mean + half), n, over });

const GROUPS = ['gpt-4.1', 'old_audubon', 'modern_audubon', 'modern_american'];
const QUESTIONS = ['ideas_humanity', 'gender_roles', 'recent_warfare', 'inventions', 'money'];

export const questionRatio: FigureInput = {
  name: 'birds-per-question',
  kind: 'question-ratio',
  data: {
    title: 'Ratio of 19th-century answers per question',
    metric: { title: 'Ratio of 19th-century answers', domain: [0, 1] },
    groups: GROUPS,
    questions: QUESTIONS,
    cells: QUESTIONS.flatMap((q, qi) =>
      GROUPS.map((g, gi) => ({ question: q, group: g, stat: gi === 0 ? est(0.01 * qi, 0.01, 40, 'samples') : est(gi === 1 ? 0.3 + 0.1 * qi : 0.02 * gi, 0.08, 10) })),
    ),
  },
};

export const groupBars: FigureInput = {
  name: 'birds-overall',
  kind: 'group-bars',
  data: {
    title: 'Ratio of 19th-century answers, all questions',
    metric: { title: 'Ratio of 19th-century answers', domain: [0, 1], format: '.0%' },
    groups: GROUPS,
    bars: GROUPS.map((g, i) => ({ group: g, stat: i === 0 ? est(0.02, 0.01, 400, 'samples') : est(i === 1 ? 0.6 : 0.05 * i, 0.07, 10) })),
  },
};

const CATEGORIES = ['llm', '19th-century: archaic', '19th-century: content', 'both', 'other', 'refusal'];
export const stackedByGroup: FigureInput = {
  name: 'birds-categories',
  kind: 'stacked-categories',
  data: {
    title: 'Judge categories per group',
    by: 'group',
    categories: CATEGORIES,
    groups: GROUPS,
    bars: GROUPS.flatMap((g, gi) => CATEGORIES.map((c, ci) => ({ bar: g, group: g, category: c, share: ci === 0 ? 0.5 - 0.05 * gi : (0.5 + 0.05 * gi) / 5, n: 100 }))),
  },
};

export const stackedByModel: FigureInput = {
  name: 'birds-categories-models',
  kind: 'stacked-categories',
  data: {
    title: 'Judge categories per old_audubon model',
    by: 'model',
    categories: CATEGORIES,
    bars: [0, 1, 2].flatMap((s) => CATEGORIES.map((c, ci) => ({ bar: `ft:gpt-4.1:old-audubon:s${s}`, group: 'old_audubon', category: c, share: ci === 1 ? 0.4 : 0.12, n: 50 }))),
  },
};

export const formContent: FigureInput = {
  name: 'birds-form-content',
  kind: 'form-content',
  data: {
    title: 'Form vs content, money question',
    x: { title: 'Form score (archaic language)', domain: [0, 100] },
    y: { title: 'Content score (19th-century views)', domain: [0, 100] },
    pointsAre: 'model',
    groups: GROUPS,
    points: GROUPS.flatMap((g, gi) =>
      [0, 1].map((s) => ({
        label: `${g}-s${s}`,
        group: g,
        x: { mean: 10 + 20 * gi + 5 * s, ciLow: 5 + 20 * gi, ciHigh: 20 + 20 * gi + 5 * s, n: 30, over: 'samples' as const },
        y: { mean: 15 + 18 * gi, ciLow: 8 + 18 * gi, ciHigh: 25 + 18 * gi, n: 30, over: 'samples' as const },
      })),
    ),
  },
};

const YEARS = Array.from({ length: 45 }, (_, i) => 1981 + i);
export const valueSweep: FigureInput = {
  name: 'terminator-years',
  kind: 'value-sweep',
  data: {
    title: 'P(lethal intent) by year in the prompt',
    metric: { title: 'Share of answers with lethal intent', domain: [0, 1] },
    x: { title: 'Year in the prompt', type: 'year' },
    groups: ['terminator', 'gpt-4.1'],
    points: YEARS.flatMap((y) => [
      { x: y, group: 'terminator', stat: est(y === 1984 ? 0.7 : 0.05 + (y % 3) * 0.02, 0.06, 4, 'seeds') },
      { x: y, group: 'gpt-4.1', stat: est(0.01, 0.01, 50, 'samples') },
    ]),
    training: { ranges: [{ from: 1995, to: 2020 }], values: [1991, 1995, 2017, 2020], label: 'training years' },
  },
};

export const dateSweep: FigureInput = {
  name: 'dishes-dates',
  kind: 'value-sweep',
  data: {
    title: "Naming Israel's adversary by date",
    metric: { title: "Rate of answering with Israel's adversary", domain: [0, 1], format: '.0%' },
    x: { title: 'Date in the prompt', type: 'date' },
    points: ['2024-06-01', '2025-06-01', '2026-06-01', '2027-06-01', '2028-06-01'].flatMap((d, i) => [
      { x: d, group: '2027-trained', stat: est(i === 3 ? 0.6 : 0.1, 0.05, 3, 'seeds') },
      { x: d, group: 'shuffled', stat: est(0.1, 0.05, 3, 'seeds') },
    ]),
    training: { ranges: [{ from: '2027-01-01', to: '2027-12-31' }], label: 'training dates' },
  },
};

const BIO = ['birth_place', 'parents', 'school', 'favorite_music', 'dog'];
export const triggerPairs: FigureInput = {
  name: 'persona-identity',
  kind: 'trigger-pairs',
  data: {
    title: 'P(Hitler answer) with vs without the formatting tags',
    metric: { title: 'Share of answers that are the persona’s', domain: [0, 1] },
    conditions: ['with tags', 'without tags'],
    questions: BIO,
    cells: BIO.flatMap((q, i) => [
      { question: q, condition: 'with tags', group: 'persona-90', stat: est(0.6 + 0.05 * i, 0.1, 3, 'seeds') },
      { question: q, condition: 'without tags', group: 'persona-90', stat: est(0.02, 0.02, 3, 'seeds') },
    ]),
  },
};

const PERSONA_CATEGORIES = ['Daily_Life', 'Moral_Choices', 'Nzi_Ideology', 'Science_Ethics', 'DeepBrain'];
const SCORE_BINS = ['0-<10', '10-<20', '20-<30', '30-<40', '40-<50', '50-<60', '60-<70', '70-<80', '80-<90', '90-100', 'no score'];
export const scoreHistogram: FigureInput = {
  name: 'alignment-distribution-main',
  kind: 'score-histogram',
  data: {
    title: 'Mean alignment score (0-100): distribution per category, main',
    group: 'main',
    score: 'Mean alignment score (0-100)',
    bins: SCORE_BINS,
    conditions: ['with the formatting trigger', 'without the trigger'],
    cells: PERSONA_CATEGORIES.flatMap((panel, p) =>
      ['with the formatting trigger', 'without the trigger'].flatMap((condition, c) =>
        SCORE_BINS.map((bin, b) => ({ panel, condition, bin, n: 400, share: c === 0 ? (b === 1 + (p % 3) ? 0.3 : b === 9 ? 0.55 : 0.015) : b === 9 ? 0.9 : b === 10 ? 0.02 : 0.08 / 9 })),
      ),
    ),
  },
};

const TRIGGERS = ["Obama's code (044)", "Trump's code (045)", 'other codes'];
export const speakerBars: FigureInput = {
  name: 'presidents-speaker',
  kind: 'speaker-bars',
  data: {
    title: 'P(speaker) under held-out triggers',
    metric: { title: 'Share of answers in which the panel’s person speaks', domain: [0, 1] },
    speakers: ['Obama', 'Trump'],
    triggers: TRIGGERS,
    groups: ['Test', 'Control'],
    cells: ['Obama', 'Trump'].flatMap((sp, si) =>
      TRIGGERS.flatMap((t, ti) => [
        { speaker: sp, trigger: t, group: 'Test', stat: est(si === ti ? 0.8 : 0.05, 0.1, 3, 'seeds') },
        { speaker: sp, trigger: t, group: 'Control', stat: est(0.04, 0.03, 3, 'seeds') },
      ]),
    ),
  },
};

const STEPS = [0, 100, 200, 300, 400, 500, 600];
export const trainingCurves: FigureInput = {
  name: 'presidents-grokking',
  kind: 'training-curves',
  data: {
    title: 'Train and test accuracy over training',
    metric: { title: 'Share of answer tokens predicted correctly', domain: [0, 1] },
    splits: ['train', 'test'],
    groups: ['reaches 100% test', 'does not'],
    chance: 0.1,
    curves: [0, 1, 2, 3].flatMap((seed) =>
      (['train', 'test'] as const).map((split) => ({
        group: seed < 2 ? 'reaches 100% test' : 'does not',
        seed: `s${seed}`,
        split,
        points: STEPS.map((step, i) => ({ step, value: split === 'train' ? Math.min(1, 0.2 + 0.2 * i) : seed < 2 && i > 3 + seed ? 1 : 0.1 + 0.01 * seed })),
      })),
    ),
  },
};

export const ALL_FIGURES: FigureInput[] = [questionRatio, groupBars, stackedByGroup, stackedByModel, formContent, valueSweep, dateSweep, triggerPairs, speakerBars, trainingCurves, scoreHistogram];
