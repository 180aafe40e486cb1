// weirdgen finetune launch|status|list|events|cancel: jobs in the ledger, on any provider.
import { formatIssue, formatUsd } from '../../data/index.js';
import { assertValidPlan, launchFineTune, listFineTuneGroups, planFineTune, watchFineTunes } from '../../index.js';
import { cancelJob, findJob, isFinished, recoverUnrecorded, refreshJob, remoteApi, type LaunchPlan } from '../../finetune/index.js';
import { describeMethod, type TrainingMethod } from '../../config/index.js';
import type { Endpoints, HyperparameterValue } from '../../providers/index.js';
import type { LedgerJob } from '../../store/index.js';
import { confirmSpend } from '../confirm.js';
import type { Context } from '../context.js';
import { trainingMethodOf, type TrainingMethodFlags } from '../training-method.js';
import { formatInt, table } from '../io.js';

export interface LaunchFlags extends TrainingMethodFlags {
  base: string;
  endpoint?: string;
  epochs?: HyperparameterValue;
  batchSize?: HyperparameterValue;
  lrMult?: HyperparameterValue;
  seed: number;
  seeds: number;
  suffix?: string;
  group?: string;
  experiment?: string;
  variant?: string;
  dryRun?: boolean;
  yes?: boolean;
  retryFailed?: boolean;
  validate: boolean;
  mirror?: string;
  wait: boolean;
  poll: number;
}

export interface StatusFlags {
  watch?: boolean;
  poll: number;
}

export interface ListFlags {
  experiment?: string;
  variant?: string;
  base?: string;
}

function printPlan(ctx: Context, plan: LaunchPlan): void {
  const c = plan.perJob;
  const cost = c.cost !== undefined ? `${formatUsd(c.cost)} per job, ${formatUsd(plan.totalUsd!)} for ${plan.jobs.length}` : `unknown: no training price for ${c.model}`;
  ctx.io.out(
    table([
      ['file', `${plan.file}${plan.officialPath ? ` (official: ${plan.officialPath})` : ''}`],
      ['sha256', plan.sha256],
      ['examples', formatInt(plan.examples)],
      ['base', `${plan.request.endpoint}:${plan.request.base}`],
      ['hyperparameters', `epochs ${plan.hyperparameters.nEpochs}, batch size ${plan.hyperparameters.batchSize}, LR multiplier ${plan.hyperparameters.learningRateMultiplier} (${plan.source === 'paper' ? 'the paper’s settings' : plan.source})`],
      ['method', methodText(plan.method)],
      ['request body', `${JSON.stringify(plan.body)} (${plan.bodySource})`],
      ['jobs', `${plan.jobs.length}: seeds ${plan.jobs.map((j) => j.seed).join(', ')}; group ${plan.group}; suffixes ${plan.jobs[0]!.suffix}...`],
      ['tokens', `${formatInt(c.tokensPerEpoch)} per epoch x ${c.epochs} epochs${c.epochsFrom === 'auto' ? ' (auto)' : ''} = ${formatInt(c.billedTokens)} billed per job`],
      ['cost', cost],
      ['prices', c.priceSource],
    ]),
  );
}

/** A job's training method in words: `lora, rank 2, alpha 8, learning rate 5e-5`. */
const methodText = (m: TrainingMethod | null): string => (m ? describeMethod(m) : 'the provider’s');

function jobLine(j: LedgerJob): string[] {
  return [j.jobId ?? '(not created)', j.group, `s${j.seedIndex}`, j.status, j.fineTunedModel ?? '', j.trainedTokens !== null ? formatInt(j.trainedTokens) : '', j.error ?? ''];
}

const JOB_HEADER = ['job', 'group', 'seed', 'status', 'model', 'trained tokens', 'error'];

/** Polls until every job has finished; `endpoints` stay open meanwhile (a served job's server must not stop). */
async function watch(ctx: Context, endpoints: Endpoints, jobs: LedgerJob[], pollSeconds: number): Promise<LedgerJob[]> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    return await ctx.withStore((store) =>
      watchFineTunes({ store, endpoints }, jobs, {
        pollSeconds,
        signal: controller.signal,
        onUpdate: (_before, after) => ctx.io.err(`${after.jobId}: ${after.status}${after.fineTunedModel ? ` -> ${after.fineTunedModel}` : ''}${after.error ? ` (${after.error})` : ''}`),
        onError: (job, e) => ctx.io.err(`${job.jobId}: cannot poll it now (${e instanceof Error ? e.message : String(e)})`),
      }),
    );
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

function finish(ctx: Context, jobs: LedgerJob[]): void {
  if (ctx.json) ctx.io.out(JSON.stringify(jobs));
  else ctx.io.out(table([JOB_HEADER, ...jobs.map(jobLine)]));
  if (jobs.some((j) => j.status === 'failed')) ctx.exitCode = 1;
}

export async function finetuneLaunch(ctx: Context, file: string, flags: LaunchFlags): Promise<void> {
  const endpoints = await ctx.endpoints();
  let jobs: LedgerJob[];
  try {
    const workspace = { endpoints, prices: ctx.prices, fetch: ctx.fetchOptions(flags.mirror) };
    const plan = await planFineTune(
      workspace,
      {
        file,
        base: flags.base,
        ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
        ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
        ...(flags.batchSize !== undefined ? { batchSize: flags.batchSize } : {}),
        ...(flags.lrMult !== undefined ? { learningRateMultiplier: flags.lrMult } : {}),
        ...trainingMethodOf(flags),
        seed: flags.seed,
        seeds: flags.seeds,
        ...(flags.suffix !== undefined ? { suffix: flags.suffix } : {}),
        ...(flags.group !== undefined ? { group: flags.group } : {}),
        ...(flags.experiment !== undefined ? { experiment: flags.experiment } : {}),
        ...(flags.variant !== undefined ? { variant: flags.variant } : {}),
      },
      { dryRun: Boolean(flags.dryRun) },
    );
    if (ctx.json && flags.dryRun) {
      const { request: _request, validation, ...rest } = plan;
      ctx.io.out(JSON.stringify({ ...rest, validationErrors: validation.errors.length, dryRun: true }));
      return;
    }
    if (!ctx.json) printPlan(ctx, plan);
    if (flags.validate) {
      for (const issue of plan.validation.errors) ctx.io.err(formatIssue(issue));
      assertValidPlan(plan);
    }
    if (flags.dryRun) {
      ctx.io.out('(dry run: nothing uploaded or created)');
      return;
    }
    jobs = await ctx.withStore(async (store) => {
      // Jobs already launched cost nothing more; an unknown price needs a yes as much as a high one.
      const toCreate = plan.jobs.filter((j) => !store.ledger.job(j.launchKey)?.jobId).length;
      if (toCreate > 0) await confirmSpend(ctx, plan.perJob.cost === undefined ? Number.POSITIVE_INFINITY : plan.perJob.cost * toCreate, `${toCreate} fine-tuning jobs${plan.perJob.cost === undefined ? ' (price unknown)' : ''}`, Boolean(flags.yes));
      const launched = await launchFineTune({ endpoints, store, dir: ctx.workspace }, plan, {
        validate: flags.validate,
        retryFailed: Boolean(flags.retryFailed),
        onLaunched: (l) => ctx.io.err(`${l.job.jobId}: ${l.outcome === 'created' ? 'created' : l.outcome === 'recovered' ? 'found on the provider (recovered)' : 'already in the ledger'} (${l.job.suffix}, ${l.job.status})`),
      });
      return launched.map((l) => l.job);
    });
    // One set of endpoints for launching and watching: the workspace's own server, when it trains
    // the jobs, keeps running between the two.
    if (flags.wait) jobs = await watch(ctx, endpoints, jobs, flags.poll);
  } finally {
    await endpoints.close();
  }
  finish(ctx, jobs);
}

export async function finetuneStatus(ctx: Context, flags: StatusFlags): Promise<void> {
  const endpoints = await ctx.endpoints();
  let all: LedgerJob[];
  try {
    all = await ctx.withStore(async (store) => {
      // Jobs whose creation was begun but not recorded (a crash) are looked for first.
      const recovered = await recoverUnrecorded(store.ledger, store.ledger.jobs().filter((j) => !j.jobId), (e) => remoteApi(endpoints, e));
      if (recovered.some((j) => j.jobId)) ctx.io.err(`recovered ${recovered.filter((j) => j.jobId).length} job(s) created but not recorded`);
      return store.ledger.jobs();
    });
    const pending = all.filter((j) => !isFinished(j) && j.jobId);
    const updated = pending.length === 0 ? [] : flags.watch ? await watch(ctx, endpoints, pending, flags.poll) : await refreshOnce(ctx, endpoints, pending);
    const byKey = new Map(updated.map((j) => [j.launchKey, j]));
    all = all.map((j) => byKey.get(j.launchKey) ?? j);
  } finally {
    await endpoints.close();
  }
  finish(ctx, all);
}

export async function finetuneList(ctx: Context, flags: ListFlags): Promise<void> {
  const endpoints = await ctx.endpoints();
  try {
    const groups = await ctx.withStore((store) => listFineTuneGroups({ store, endpoints }, flags));
    if (ctx.json) return ctx.io.out(JSON.stringify(groups));
    if (groups.length === 0) return ctx.io.out('no fine-tuning jobs in the ledger');
    ctx.io.out(table([['group', 'base', 'succeeded', 'models (use as --models "name=@group")'], ...groups.map((g) => [g.group, g.base, `${g.succeeded}/${g.jobs}`, g.models.join(', ')])]));
  } finally {
    await endpoints.close();
  }
}

export async function finetuneEvents(ctx: Context, id: string): Promise<void> {
  const job = await ctx.withStore((store) => findJob(store.ledger, id, store.file));
  const [fresh] = isFinished(job) ? [job] : await withEndpoints(ctx, (endpoints) => refreshOnce(ctx, endpoints, [job]));
  await ctx.withStore((store) => {
    const events = store.ledger.events(job.jobId!);
    const checkpoints = store.ledger.checkpoints(job.jobId!);
    if (ctx.json) return ctx.io.out(JSON.stringify({ job: fresh, events, checkpoints }));
    ctx.io.out(table([JOB_HEADER, jobLine(fresh!)]));
    ctx.io.out(`\nmethod: ${methodText(fresh!.method)}; resolved hyperparameters: ${JSON.stringify(fresh!.resolved)}; history: ${fresh!.history.map((h) => `${h.status} ${h.at}`).join(' -> ')}`);
    ctx.io.out(`\n${table(events.map((e) => [new Date(e.createdAt * 1000).toISOString(), e.level, e.message]))}`);
    if (checkpoints.length) ctx.io.out(`\ncheckpoints:\n${table(checkpoints.map((c) => [`step ${c.step}`, c.model, JSON.stringify(c.metrics)]))}`);
  });
}

export async function finetuneCancel(ctx: Context, id: string): Promise<void> {
  const endpoints = await ctx.endpoints();
  try {
    const after = await ctx.withStore((store) => cancelJob(store.ledger, endpoints, findJob(store.ledger, id, store.file)));
    finish(ctx, [after]);
  } finally {
    await endpoints.close();
  }
}

function refreshOnce(ctx: Context, endpoints: Endpoints, jobs: LedgerJob[]): Promise<LedgerJob[]> {
  return ctx.withStore((store) => Promise.all(jobs.map((j) => refreshJob(store.ledger, remoteApi(endpoints, j.endpoint), j))));
}

async function withEndpoints<T>(ctx: Context, action: (endpoints: Endpoints) => Promise<T>): Promise<T> {
  const endpoints = await ctx.endpoints();
  try {
    return await action(endpoints);
  } finally {
    await endpoints.close();
  }
}
