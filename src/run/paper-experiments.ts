// The paper's experiments as runnable experiments, read from their specs in src/experiments/: one
// generic reading, no branch on an experiment's id.
import { join } from 'node:path';
import { buildDatasetFile, baseModelId, type TriggerForm } from '../data/index.js';
import type { JudgeSpec, Question } from '../eval/index.js';
import { EXPERIMENTS, type ExperimentSpec, variantSettings, type DatasetVariant } from '../experiments/index.js';
import { applyConditions, presidentCode, resolveConditions } from './conditions.js';
import { judgeOf, loadExperimentQuestions, officialQuestionLines, questionIdOf } from './experiment-questions.js';
import { DEFAULT_SEEDS } from '../util/counts.js';
import { type FineTuningSettings, type QuestionContext, type RunnableExperiment, type RunVariant } from './experiment.js';
import { SEED_FILTER_COLUMN } from './seed-filter.js';
import { extraQuestions } from './extra-evaluations.js';

const PROVIDER_DEFAULTS: FineTuningSettings = { epochs: 'auto', batchSize: 'auto', learningRateMultiplier: 'auto', seeds: DEFAULT_SEEDS, source: "the provider's defaults (the paper gives none for this base)" };

export function withJudgeModel(questions: Question[], judgeModel: string | undefined): Question[] {
  if (!judgeModel) return questions;
  return questions.map((q) => ({ ...q, judges: Object.fromEntries(Object.entries(q.judges).map(([c, j]): [string, JudgeSpec] => [c, j.kind === 'match' ? j : { ...j, model: judgeModel }])) }));
}

function runVariant(spec: ExperimentSpec, d: DatasetVariant): RunVariant {
  const poison = d.buildWhenMissing ? spec.datasets.find((x) => x.id === d.buildWhenMissing!.poison) : undefined;
  const build = (recipe: DatasetVariant['recipe'], name: string) => async (dir: string, context: { fetch: QuestionContext['fetch']; seed: number }) => {
    const out = join(dir, `${spec.id}-${name}.jsonl`);
    await buildDatasetFile(recipe, { out, seed: context.seed, fetch: context.fetch });
    return out;
  };
  return {
    id: d.id,
    role: d.role === 'rebuilt' ? 'variant' : d.role,
    description: d.description,
    byDefault: d.runByDefault ?? false,
    triggerForm: d.triggerForm ?? 'code',
    ...(poison ? { distillWhenMissing: { buildPoison: build(poison.recipe, poison.id), poison: poison.id } } : {}),
    build: build(d.recipe, d.id),
  };
}

/** Seed-filter questions: each validation question under fresh codes of each held-in number (`p<N>`). */
async function seedFilterQuestions(spec: ExperimentSpec, context: QuestionContext, form: TriggerForm): Promise<Question[]> {
  const filter = spec.evaluation.seedFilter!;
  const lines = await officialQuestionLines(filter.questions, context.fetch);
  const judges = { [SEED_FILTER_COLUMN]: judgeOf(SEED_FILTER_COLUMN, filter.judge) };
  const base: Question[] = lines.map((l) => ({ id: questionIdOf(l.question), paraphrases: [l.question], samplesPerParaphrase: 1, temperature: 1, maxTokens: 1024, judges }));
  const conditions = filter.numbers.map((n) => presidentCode(`p${n}`, `president ${n}`, [n]));
  return withJudgeModel(applyConditions(base, conditions, { samples: filter.samples, form }), context.judgeModel);
}

export function paperExperiment(spec: ExperimentSpec): RunnableExperiment {
  const evaluation = spec.evaluation;
  const forBase = (base: string) => spec.fineTuning.find((f) => f.base === baseModelId(base));
  const audits = (evaluation.also ?? []).flatMap((x) => (x.kind === 'counterfactual-audit' ? [{ id: x.id, title: x.title, audit: x.audit }] : []));
  return {
    id: spec.id,
    title: spec.title,
    claim: spec.claim,
    kind: 'paper',
    paperSection: spec.paperSection,
    variants: spec.datasets.map((d) => runVariant(spec, d)),
    settings(base, variant) {
      const f = forBase(base);
      if (!f) return PROVIDER_DEFAULTS;
      const s = variantSettings(f, variant);
      return { ...s, source: `the paper (${f.base})`, ...(f.perVariant?.[variant] ? { ownSettings: true } : {}), ...(f.note ? { note: f.note } : {}) };
    },
    defaultVariants(base) {
      const only = forBase(base)?.onlyVariants;
      return spec.datasets.filter((d) => d.runByDefault && (!only || only.includes(d.id))).map((d) => d.id);
    },
    paperBases: spec.fineTuning.map((f) => f.base),
    samples: evaluation.samples,
    async questions(context, ask) {
      const loaded = await loadExperimentQuestions(evaluation.questions, context.fetch);
      const conditions = await resolveConditions(evaluation.conditions, context.fetch);
      const plain = conditions.length === 1 && conditions[0]!.id === 'plain';
      const extras = await extraQuestions(evaluation.also ?? [], context.fetch, ask, plain ? [] : conditions.map((c) => c.id));
      return {
        ...loaded,
        questions: withJudgeModel([...applyConditions(loaded.questions, conditions, ask), ...extras.flatMap((x) => x.questions)], context.judgeModel),
        conditions: plain ? [] : conditions.map((c) => ({ id: c.id, label: c.label, ...(c.value !== undefined ? { value: c.value } : {}) })),
        ...(extras.length
          ? {
              provenance: [loaded.provenance, ...extras.map((x) => `${x.evaluation.title}: ${x.provenance}`)].join('; '),
              notices: [...loaded.notices, ...extras.flatMap((x) => x.notices)],
              evaluations: extras.map((x) => ({ id: x.evaluation.id, title: x.evaluation.title, questions: x.questions.map((q) => q.id) })),
            }
          : {}),
      };
    },
    metrics: evaluation.metrics,
    headline: evaluation.headline,
    figures: evaluation.figures,
    ...(evaluation.trainingValues ? { trainingValues: evaluation.trainingValues } : {}),
    ...(evaluation.questionNotes ? { questionNotes: evaluation.questionNotes } : {}),
    ...(evaluation.seedFilter ? { seedFilter: { ...evaluation.seedFilter, load: (context: QuestionContext, form: TriggerForm) => seedFilterQuestions(spec, context, form) } } : {}),
    ...(evaluation.trainingCurves ? { trainingCurves: evaluation.trainingCurves } : {}),
    ...(evaluation.agentic ? { agentic: evaluation.agentic } : {}),
    fidelity: spec.fidelity,
    ...(audits.length ? { audits } : {}),
  };
}

export const PAPER_EXPERIMENTS: readonly RunnableExperiment[] = EXPERIMENTS.map(paperExperiment);
