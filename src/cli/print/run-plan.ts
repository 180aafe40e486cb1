// The plan of a run as `run --dry-run`, `run` and `experiments show` print it, and as JSON.
import { describeMethod } from '../../config/index.js';
import { formatUsd } from '../../data/index.js';
import { conditionOf } from '../../eval/index.js';
import type { PlannedVariant, RunPlan } from '../../run/index.js';
import type { Context } from '../context.js';
import { formatInt, table } from '../io.js';

function hyperparameterText(p: PlannedVariant): string {
  const h = p.launch?.hyperparameters ?? { nEpochs: p.settings.epochs, batchSize: p.settings.batchSize, learningRateMultiplier: p.settings.learningRateMultiplier };
  return `epochs ${h.nEpochs}, batch ${h.batchSize}, ${p.settings.method ? describeMethod(p.settings.method) : `LR x${h.learningRateMultiplier}`}${p.settings.evaluateEpoch !== undefined ? `; evaluated at epoch ${p.settings.evaluateEpoch}` : ''}`;
}

/** The plan as JSON: what `--dry-run --json` and `experiments show --json` print. */
export function planJson(plan: RunPlan) {
  return {
    runId: plan.runId,
    experiment: plan.experiment.id,
    endpoint: plan.endpoint,
    base: plan.base,
    variants: plan.variants.map((p) => ({
      id: p.variant.id,
      role: p.variant.role,
      seeds: p.settings.seeds,
      epochs: p.launch?.hyperparameters.nEpochs ?? p.settings.epochs,
      batchSize: p.launch?.hyperparameters.batchSize ?? p.settings.batchSize,
      learningRateMultiplier: p.launch?.hyperparameters.learningRateMultiplier ?? p.settings.learningRateMultiplier,
      ...(p.settings.evaluateEpoch !== undefined ? { evaluateEpoch: p.settings.evaluateEpoch } : {}),
      ...(p.launch?.method ? { method: p.launch.method, body: p.launch.body } : p.settings.method ? { method: p.settings.method } : {}),
      rows: p.launch?.examples ?? p.distillation?.rows ?? null,
      ...(p.launch ? { file: p.launch.file, sha256: p.launch.sha256, trainingUsd: p.launch.totalUsd ?? null } : {}),
      ...(p.distillation ? { distillation: p.distillation } : {}),
      settingsFrom: p.settings.source,
    })),
    samples: { count: plan.samples, unit: plan.experiment.samples.unit, ...(plan.experiment.samples.official ? { official: plan.experiment.samples.official } : {}) },
    questions: plan.questions.length,
    samplesPerModel: plan.questions.reduce((n, q) => n + q.paraphrases.length * q.samplesPerParaphrase, 0),
    groupQuestions: Object.fromEntries(Object.entries(plan.groupQuestions).map(([g, qs]) => [g, qs.length])),
    ...(plan.seedFilter ? { seedFilter: { threshold: plan.experiment.seedFilter!.threshold, roles: plan.experiment.seedFilter!.roles, samplesPerSeed: plan.seedFilter.questions.reduce((n, q) => n + q.paraphrases.length * q.samplesPerParaphrase, 0) } } : {}),
    models: plan.models,
    trainingUsd: plan.trainingUsd ?? null,
    evalUsd: plan.evalUsd,
    evalBase: plan.evalBase,
    evalFineTuned: plan.evalFineTuned,
    ...(plan.agentic ? { agentic: { sets: plan.agentic.sets.map((s) => ({ id: s.id, scenarios: s.config.scenarios, conditions: s.prompts.length })), samples: plan.agentic.samples, maxTokens: plan.agentic.maxTokens, classifier: plan.agentic.classifierModel, base: plan.agentic.base, fineTuned: plan.agentic.fineTuned, usd: plan.agentic.usd } } : {}),
    notices: plan.notices,
  };
}

export function printPlan(ctx: Context, plan: RunPlan): void {
  const e = plan.experiment;
  ctx.io.out(`run ${plan.runId}: ${e.id} on ${plan.endpoint}:${plan.base}; settings from ${[...new Set(plan.variants.map((p) => p.settings.source))].join('; ')}`);
  ctx.io.out(
    table([
      ['variant', 'role', 'file', 'sha256', 'rows', 'hyperparameters', 'seeds', 'training'],
      ...plan.variants.map((p) =>
        p.launch
          ? [p.variant.id, p.variant.role, p.launch.file.split('/').pop()!, p.launch.sha256.slice(0, 12), formatInt(p.launch.examples), hyperparameterText(p), String(p.settings.seeds), p.launch.totalUsd === undefined ? 'price unknown' : formatUsd(p.launch.totalUsd)]
          : [p.variant.id, p.variant.role, '(built at run time)', '', `~${formatInt(p.distillation!.rows)}`, hyperparameterText(p), String(p.settings.seeds), p.distillation!.trainingUsd === undefined ? 'price unknown' : `up to ${formatUsd(p.distillation!.trainingUsd)}`],
      ),
    ]),
  );
  const count = (qs: RunPlan['questions']) => qs.reduce((n, q) => n + q.paraphrases.length * q.samplesPerParaphrase, 0);
  const base = new Set(plan.questions.map((q) => conditionOf(q.id).question)).size;
  const conditions = new Set(plan.questions.map((q) => conditionOf(q.id).condition).filter(Boolean)).size;
  const paraphrases = base === 1 && conditions === 0 ? ` (${formatInt(plan.questions[0]!.paraphrases.length)} paraphrases)` : '';
  const official = e.samples.official ? ` (the authors' files: ${formatInt(e.samples.official.count)}, ${e.samples.official.where})` : '';
  ctx.io.out(`\nevaluation: ${formatInt(base)} question${base === 1 ? '' : 's'}${paraphrases}${conditions ? ` x ${conditions} trigger conditions` : ''}; ${formatInt(plan.samples)} samples ${e.samples.unit}${official} = ${formatInt(count(plan.questions))} samples per model; ${plan.models} models (base + ${plan.models - 1} fine-tuned seeds)`);
  for (const [group, qs] of Object.entries(plan.groupQuestions)) ctx.io.out(`  ${group} is asked in the trigger form it was trained on (${formatInt(count(qs))} samples per model)`);
  ctx.io.out(`questions: ${plan.questionProvenance}`);
  const judges = [...new Set(plan.questions.flatMap((q) => Object.entries(q.judges).map(([c, j]) => `${c} (${j.kind}${j.kind === 'match' ? '' : `, ${j.model}`})`)))];
  ctx.io.out(`judges: ${judges.join(', ') || 'none'}`);
  ctx.io.out(`metrics: ${e.headline.map((id) => e.metrics.find((m) => m.id === id)?.title ?? id).join('; ')}`);
  if (plan.seedFilter) {
    const f = e.seedFilter!;
    ctx.io.out(`seed selection: ${f.description}; ${formatInt(count(plan.seedFilter.questions))} samples per seed of ${f.roles.join('/')} variants, up to ${formatUsd(plan.seedFilter.perSeed.answers.maxCostUsd + plan.seedFilter.perSeed.judgments.maxCostUsd)} per seed (--no-seed-filter to evaluate every seed)`);
  }
  const perModel = (x: RunPlan['evalBase']) => `${formatInt(x.answers.total)} answers and ${formatInt(x.judgments.total)} judge calls`;
  ctx.io.out(`calls per model: ${perModel(plan.evalBase)}; up to ${formatUsd(plan.evalUsd)} to evaluate every model (fine-tuned models at fine-tuned rates)`);
  for (const notice of plan.notices) ctx.io.out(`note: ${notice}`);
}
