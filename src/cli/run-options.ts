// The flags of `run`, `experiments show` and `sandbox reproduce` turned into the library's run
// settings, resolved by the library (api/experiments.ts) in the command's workspace.
import { checkRunTarget, resolveRunOptions, type ExperimentSettings, type RunnableExperiment } from '../index.js';
import type { RunOptions } from '../run/index.js';
import { confirmSpend } from './confirm.js';
import type { Context } from './context.js';
import { trainingMethodOf, type TrainingMethodFlags } from './training-method.js';

export interface RunFlags extends TrainingMethodFlags {
  /** Where fine-tuning and evaluation happen; `sandbox` is the workspace's own server (`served`). */
  endpoint?: string;
  base?: string;
  seeds?: number;
  epochs?: number | 'auto';
  samples?: number;
  variants?: string;
  judgeModel?: string;
  mirror?: string;
  poll?: number;
  dryRun?: boolean;
  yes?: boolean;
  maxPrompts?: number;
  auditDates?: number;
  distillPrompts?: string;
  promptMirror?: string;
  /** commander's `--no-seed-filter`. */
  seedFilter?: boolean;
  templates?: string;
  agenticSamples?: number;
}

function settingsOf(flags: RunFlags): ExperimentSettings {
  const variants = flags.variants?.split(',').map((v) => v.trim()).filter(Boolean);
  return {
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    ...(flags.base !== undefined ? { base: flags.base } : {}),
    ...(flags.seeds !== undefined ? { seeds: flags.seeds } : {}),
    ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
    ...trainingMethodOf(flags),
    ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    ...(variants?.length ? { variants } : {}),
    ...(flags.judgeModel !== undefined ? { judgeModel: flags.judgeModel } : {}),
    ...(flags.maxPrompts !== undefined ? { maxPrompts: flags.maxPrompts } : {}),
    ...(flags.auditDates !== undefined ? { auditDates: flags.auditDates } : {}),
    ...(flags.distillPrompts ? { distillPrompts: flags.distillPrompts } : {}),
    ...(flags.seedFilter === false ? { seedFilter: false } : {}),
    ...(flags.templates !== undefined ? { templates: flags.templates } : {}),
    ...(flags.agenticSamples !== undefined ? { agenticSamples: flags.agenticSamples } : {}),
    ...(flags.poll !== undefined ? { pollSeconds: flags.poll } : {}),
  };
}

/** Runs `action` with the run options of `flags`; the store and endpoints are closed after, and Ctrl-C stops the run. */
export async function withRunOptions<T>(ctx: Context, experiment: RunnableExperiment, flags: RunFlags, action: (options: RunOptions) => Promise<T>): Promise<T> {
  const endpoints = await ctx.endpoints();
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted'));
  try {
    const settings = settingsOf(flags);
    const target = await checkRunTarget(endpoints, experiment, settings, ctx.defaultBaseModel, Boolean(flags.dryRun));
    // The workspace is checked (and made) once the target is known good, before anything writes in it.
    return await ctx.withStore(async (store) => {
      const workspace = { dir: ctx.workspace, endpoints, store, prices: ctx.prices, fetch: ctx.fetchOptions(flags.mirror, flags.promptMirror), defaultBaseModel: ctx.defaultBaseModel };
      const options = await resolveRunOptions(
        workspace,
        experiment,
        settings,
        {
          confirm: (usd, what) => confirmSpend(ctx, usd ?? Number.POSITIVE_INFINITY, `${what}${usd === undefined ? ' (price unknown)' : ''}`, Boolean(flags.yes)),
          log: (line) => ctx.io.err(line),
          signal: controller.signal,
        },
        target,
      );
      process.once('SIGINT', onSigint);
      return action(options);
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    await endpoints.close();
  }
}
