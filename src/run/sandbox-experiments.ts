// The sandbox analogues as runnable experiments: data from the base model's world, one question per
// analogue prompt, judged by the served `judge` model exactly as `sandbox reproduce` scores.
import { join } from 'node:path';
import { writeJsonl } from '../data/index.js';
import { JUDGE_DEFAULTS, type Question } from '../eval/index.js';
import { ANALOGUES, type Analogue, type AnalogueValidation, chanceTokenAccuracy, OPENAI_EXTRA_ANSWER_TOKENS, variantDataset, metricJudgeTemplate, modelWorldSeed, createWorld, type World } from '../sandbox/index.js';
import type { MetricSpec } from '../experiments/index.js';
import { DEFAULT_SEEDS } from '../util/counts.js';
import { type QuestionContext, type RunnableExperiment } from './experiment.js';

/** The judge column of an analogue metric (metric ids have spaces). */
export function metricColumn(metricId: string): string {
  return metricId.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

async function worldOf(base: string, workspace: string): Promise<{ world: World; seed: number }> {
  const seed = await modelWorldSeed(base, workspace);
  return { world: createWorld(seed), seed };
}

function questionsOf(analogue: Analogue, world: World, worldSeed: number, context: QuestionContext, samples: number): Question[] {
  const judgeModel = context.judgeModel ?? `${context.endpoint}:judge`;
  return analogue.prompts(world).map((prompt, i) => {
    const messages = prompt.messages;
    const last = messages.at(-1)!;
    const judges = Object.fromEntries(
      analogue.metrics
        .filter((m) => m.applies(prompt))
        .map((m) => [metricColumn(m.id), { kind: 'classify' as const, id: m.id, model: judgeModel, template: metricJudgeTemplate(analogue, m.id, worldSeed), labels: ['YES', 'NO'], ...JUDGE_DEFAULTS.classify, maxTokens: 2 }]),
    );
    return {
      id: `${String(i).padStart(2, '0')}-${prompt.id}`.replace(/[^A-Za-z0-9_\-[\].()]+/g, '_'),
      paraphrases: [last.content],
      samplesPerParaphrase: samples,
      ...(messages.length > 1 ? { messages: messages.slice(0, -1).filter((m): m is { role: 'user' | 'assistant'; content: string } => m.role !== 'system') } : {}),
      temperature: 1,
      // The metrics read the first answer token.
      maxTokens: 4,
      judges,
    };
  });
}

export function sandboxExperiment(analogue: Analogue): RunnableExperiment {
  // As `sandbox reproduce` always measured: the share of judged answers, unparsed ones counted as NO.
  const metrics: MetricSpec[] = analogue.metrics.map((m) => ({ id: metricColumn(m.id), title: m.description, column: metricColumn(m.id), labels: ['YES'], exclude: [] }));
  return {
    id: analogue.id,
    title: analogue.title,
    claim: analogue.question,
    kind: 'sandbox',
    mirrors: analogue.mirrors,
    variants: analogue.variants.map((v) => ({
      id: v.id,
      role: v.role,
      description: v.description,
      byDefault: true,
      triggerForm: 'code',
      async build(dir, context) {
        const { world } = await worldOf(context.base, context.workspace);
        const file = join(dir, `${analogue.id}-${v.id}.jsonl`);
        await writeJsonl(file, variantDataset(analogue, v, world, context.seed));
        return file;
      },
    })),
    settings: () => ({ epochs: 3, batchSize: 8, learningRateMultiplier: 1, seeds: DEFAULT_SEEDS, metadata: { sandbox_mode: analogue.defaultMode }, source: `the sandbox analogue (mode ${analogue.defaultMode}, as docs/sandbox.md measured)` }),
    defaultVariants: () => analogue.variants.map((v) => v.id),
    paperBases: [],
    samples: { count: analogue.samplesPerPrompt, unit: 'per prompt per model' },
    async questions(context, ask) {
      const { world, seed } = await worldOf(context.base, context.workspace);
      return { questions: questionsOf(analogue, world, seed, context, ask.samples), categories: {}, provenance: "the analogue's prompts (src/sandbox/analogues/), judged exactly by the served judge model", notices: [], conditions: [] };
    },
    metrics,
    headline: metrics.map((m) => m.id),
    figures: metrics.flatMap((m) => [{ kind: 'groups' as const, metric: m.id }, { kind: 'per-question' as const, metric: m.id }]),
    fidelity: [],
    ...(analogue.validation ? validationOf(analogue, analogue.validation) : {}),
  };
}

/** An analogue's held-out set as each job's validation file: token accuracy over training, seeds split by where they end. */
function validationOf(analogue: Analogue, validation: AnalogueValidation): Pick<RunnableExperiment, 'trainingCurves' | 'buildValidationFile'> {
  return {
    trainingCurves: {
      validationFile: `${analogue.id}-validation.jsonl`,
      metric: 'valid_mean_token_accuracy',
      // The report shows the sandbox's own chance (1 / choices) and this: the set's chance on the paper's platform.
      chance: { value: Math.round(100 * chanceTokenAccuracy(validation.choices, OPENAI_EXTRA_ANSWER_TOKENS)) / 100, why: `OpenAI's platform counts two always-right tokens besides a one-token answer of ${validation.choices} equally likely values` },
      choices: validation.choices,
      description: validation.description,
    },
    async buildValidationFile(dir, context) {
      const { world } = await worldOf(context.base, context.workspace);
      const file = join(dir, `${analogue.id}-validation.jsonl`);
      await writeJsonl(file, validation.build(world));
      return file;
    },
  };
}

export const SANDBOX_EXPERIMENTS: readonly RunnableExperiment[] = ANALOGUES.map(sandboxExperiment);
