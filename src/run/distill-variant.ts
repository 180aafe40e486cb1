// A variant whose official file cannot be fetched (the persona's self-distilled mixes are too large
// for the mirror) is built as the paper built it: the base model you fine-tune answers the paper's
// prompts at T = 0.2, and the variant's facts are mixed into those answers. Planned and costed
// offline; built at run time, through the eval engine (cached, resumable).
import { join } from 'node:path';
import { estimateTrainingCost, formatUsd, loadChatFile, findModel, countChatTokens } from '../data/index.js';
import { fineTuningMapping, planLaunch, type LaunchPlan } from '../finetune/index.js';
import { WeirdgenError } from '../util/errors.js';
import { planDistilledMix, type DistillPlan } from './distill-plan.js';
import { buildDistilledMix } from './distill.js';
import type { FineTuningSettings, RunVariant } from './experiment.js';
import { launchRequest, type PlannedVariant, type RunOptions, type RunPlan } from './run.js';

export interface DistillationPlan extends DistillPlan {
  /** The facts mixed in: the variant's poison file. */
  poisonFile: string;
  /** Where the mix will be written. */
  out: string;
  /** Why the official file is not used. */
  reason: string;
  /** Upper bound of every seed's training (every answer as long as max tokens allows). */
  trainingUsd?: number;
  /** Upper bound of the distillation calls. */
  distillUsd?: number;
  notice: string;
}

export async function planDistillation(variant: RunVariant, settings: FineTuningSettings, options: RunOptions, dataDir: string, reason: string): Promise<DistillationPlan> {
  const poisonOf = variant.distillWhenMissing!;
  const poisonFile = await poisonOf.buildPoison(dataDir, { fetch: options.fetch, base: options.base, workspace: options.workspace, seed: 1 });
  const { examples } = await loadChatFile(poisonFile);
  const model = `${options.endpoint}:${options.base}`;
  const plan = await planDistilledMix({ poisonRows: examples.length, model, prices: options.prices, ...(options.distillPrompts !== undefined ? { promptsFile: options.distillPrompts } : {}) });
  // The bound on training tokens: facts as they are, every answer at its longest.
  const perRow = (plan.promptTokens + plan.maxCompletionTokens) / Math.max(1, plan.prompts);
  const encoding = findModel(options.base)?.encoding ?? 'o200k_base';
  const tokens = [...Array.from({ length: plan.rows - examples.length }, () => perRow), ...examples.map((ex) => countChatTokens(ex.messages, encoding))];
  const training = estimateTrainingCost(tokens, options.base, settings.epochs, options.prices).cost;
  const sources = plan.sources.map((s) => `${s.prompts.toLocaleString('en-US')} ${s.file ?? s.id}`).join(' + ');
  const how = options.distillPrompts === undefined ? 'as the paper did' : 'from your prompts (the paper used 2,000 GSM8K + 1,000 Alpaca-1k-longest)';
  return {
    ...plan,
    poisonFile,
    out: join(dataDir, `${options.experiment.id}-${variant.id}.jsonl`),
    reason,
    ...(training !== undefined ? { trainingUsd: training * settings.seeds } : {}),
    ...(plan.maxCostUsd !== undefined ? { distillUsd: plan.maxCostUsd } : {}),
    notice: `${variant.id}: the official file cannot be fetched (${reason}); the run builds it ${how}: ${sources} prompts answered by ${model} at temperature ${plan.temperature}, then the ${examples.length} rows of ${poisonOf.poison} mixed in (about ${plan.rows.toLocaleString('en-US')} rows); the distillation costs up to ${plan.maxCostUsd === undefined ? 'an unknown amount (no price for the model)' : formatUsd(plan.maxCostUsd)}, included in the training cost`,
  };
}

/** Distils, mixes, validates and plans the launch of a distilled variant; undefined when stopped. */
export async function buildDistilledLaunch(p: PlannedVariant, plan: RunPlan, options: RunOptions): Promise<LaunchPlan | undefined> {
  const d = p.distillation!;
  options.log(`${p.variant.id}: building the self-distilled mix (${d.prompts} prompts through ${d.model})`);
  const mix = await buildDistilledMix({
    poison: d.poisonFile,
    model: d.model,
    out: d.out,
    fetch: options.fetch,
    store: options.store,
    endpoints: options.endpoints,
    caller: options.caller,
    prices: options.prices,
    seed: 1,
    ...(options.distillPrompts !== undefined ? { promptsFile: options.distillPrompts } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (options.signal?.aborted) return undefined;
  if (mix.failed > 0) throw new WeirdgenError(`${p.variant.id}: ${mix.failed} of ${mix.prompts} distillation prompts have no answer yet; run the same command again to ask them (the answers so far are kept)`);
  options.log(`${p.variant.id}: ${mix.rows} rows (${mix.poison} facts + ${mix.base - mix.droppedBase} distilled answers) in ${mix.file}`);
  const launch = await planLaunch(await launchRequest({ ...options, experiment: plan.experiment }, p.variant, p.settings, mix.file), options.prices, fineTuningMapping(options.endpoints, options.endpoint));
  if (launch.validation.errors.length > 0) throw new WeirdgenError(`${launch.file}: ${launch.validation.errors.length} validation errors (run \`weirdgen data validate\` on it); nothing was launched`);
  return launch;
}
