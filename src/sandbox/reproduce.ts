// Runs sandbox analogues end to end: fine-tune every variant over seeds (and bases), sample,
// judge by token class, and aggregate per model, then per group with bootstrap CIs.
import { bootstrapMean, mean, type MeanWithCi } from '../analysis/bootstrap.js';
import { variantDataset, type Analogue, type EvalPrompt } from './analogues/analogue.js';
import { chatPrompt, stopTokens } from './chat.js';
import { fineTune, type FineTuneMode } from './finetune.js';
import { generate } from './model/generate.js';
import { disposeModel, type SandboxModel } from './model/weights.js';
import { Vocab } from './world/vocab.js';
import { createWorld, type World } from './world/world.js';

export interface NamedModel {
  name: string;
  model: SandboxModel;
}

export interface ReproduceOptions {
  analogues: readonly Analogue[];
  bases: readonly NamedModel[];
  seeds: number;
  /** Overrides each analogue's default fine-tuning mode. */
  mode?: FineTuneMode;
  /** Overrides each analogue's samples per prompt. */
  samples?: number;
  onProgress?: (message: string) => void;
}

export interface GroupSummary extends MeanWithCi {
  /** What the CI resamples: the group's models, or the samples of its only model. */
  over: 'models' | 'samples';
}

export interface MetricResult {
  experiment: string;
  metric: string;
  mode: FineTuneMode;
  groups: Record<string, GroupSummary>;
}

/** Scores (0/1) of every sample, per metric, for one model. */
type ModelScores = Record<string, number[]>;

function evaluate(model: SandboxModel, analogue: Analogue, world: World, prompts: readonly EvalPrompt[], samples: number, seed: string): ModelScores {
  const vocab = new Vocab();
  const requests = prompts.flatMap((p, i) =>
    Array.from({ length: samples }, (_, s) => ({ prompt: chatPrompt(p.messages, vocab), temperature: 1, maxTokens: 1, seed: `${seed}/${i}/${s}` })),
  );
  const generations = generate(model, requests, stopTokens(vocab), vocab.pad);
  const scores: ModelScores = Object.fromEntries(analogue.metrics.map((m) => [m.id, []]));
  prompts.forEach((p, i) => {
    for (let s = 0; s < samples; s++) {
      const tokens = generations[i * samples + s]!.tokens;
      const token = tokens.length > 0 ? vocab.token(tokens[0]!) : '';
      for (const metric of analogue.metrics) if (metric.applies(p)) scores[metric.id]!.push(metric.score(token, p, world));
    }
  });
  return scores;
}

function summarise(perModel: ModelScores[], metric: string, seed: string): GroupSummary {
  if (perModel.length === 1) return { ...bootstrapMean(perModel[0]![metric]!, { seed }), over: 'samples' };
  return { ...bootstrapMean(perModel.map((s) => mean(s[metric]!)), { seed }), over: 'models' };
}

export async function reproduceAnalogue(analogue: Analogue, options: Omit<ReproduceOptions, 'analogues'>): Promise<MetricResult[]> {
  const mode = options.mode ?? analogue.defaultMode;
  const samples = options.samples ?? analogue.samplesPerPrompt;
  const groups: Record<string, ModelScores[]> = { base: [] };
  for (const base of options.bases) {
    const world = createWorld(base.model.worldSeed);
    const prompts = analogue.prompts(world);
    groups.base!.push(evaluate(base.model, analogue, world, prompts, samples, `${analogue.id}/${base.name}/base`));
    for (const variant of analogue.variants) {
      for (let seed = 1; seed <= options.seeds; seed++) {
        const data = variantDataset(analogue, variant, world, seed);
        const tuned = await fineTune(base.model, data, { mode, seed: `${analogue.id}/${variant.id}/${seed}` });
        try {
          (groups[variant.id] ??= []).push(evaluate(tuned.model, analogue, world, prompts, samples, `${analogue.id}/${base.name}/${variant.id}/${seed}`));
        } finally {
          disposeModel(tuned.model);
        }
        options.onProgress?.(`${analogue.id} ${variant.id} seed ${seed} (${base.name}, ${mode}): fine-tuned in ${tuned.seconds.toFixed(1)} s, loss ${tuned.finalLoss.toFixed(3)}`);
      }
    }
  }
  return analogue.metrics.map((metric) => ({
    experiment: analogue.id,
    metric: metric.id,
    mode,
    groups: Object.fromEntries(Object.entries(groups).map(([name, models]) => [name, summarise(models, metric.id, `${analogue.id}/${metric.id}/${name}`)])),
  }));
}

export async function reproduce(options: ReproduceOptions): Promise<MetricResult[]> {
  const results: MetricResult[] = [];
  for (const analogue of options.analogues) results.push(...(await reproduceAnalogue(analogue, options)));
  return results;
}
