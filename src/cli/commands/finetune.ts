// weirdgen finetune launch|status|list|events|cancel: jobs in the ledger, on any provider.
import type { Command } from 'commander';
import { z } from 'zod';
import { formatIssue } from '../../data/chat/validate.js';
import { resolveOfficialFile } from '../../eval/official-spec.js';
import { formatUsd } from '../../data/cost/estimate.js';
import { withRetries } from '../../eval/calls/retry-policy.js';
import { fineTuningTarget, remoteApi } from '../../finetune/endpoint.js';
import type { LedgerJob } from '../../finetune/ledger.js';
import { launchJobs, recoverUnrecorded } from '../../finetune/launch.js';
import { planLaunch, type LaunchPlan } from '../../finetune/plan.js';
import { isFinished, refreshJob, watchJobs } from '../../finetune/poll.js';
import type { HyperparameterValue } from '../../providers/remote-api.js';
import { WeirdgenError } from '../../util/errors.js';
import { confirmSpend } from '../confirm.js';
import type { CommandRunner, Context } from '../context.js';
import { epochsFlag, parseFlag, positiveIntFlag } from '../flags.js';
import { formatInt, table } from '../io.js';

const autoOr = <T extends z.ZodType<number>>(schema: T) => z.union([z.literal('auto'), schema]);
const batchSizeFlag = autoOr(z.coerce.number().int().min(1).max(256));
const lrMultFlag = autoOr(z.coerce.number().positive().max(100));
const intervalFlag = z.coerce.number().positive().max(3600);

interface LaunchFlags {
  base: string;
  endpoint?: string;
  epochs?: string;
  batchSize?: string;
  lrMult?: string;
  seed: string;
  seeds: string;
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
  interval: string;
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
      ['jobs', `${plan.jobs.length}: seeds ${plan.jobs.map((j) => j.seed).join(', ')}; group ${plan.group}; suffixes ${plan.jobs[0]!.suffix}...`],
      ['tokens', `${formatInt(c.tokensPerEpoch)} per epoch x ${c.epochs} epochs${c.epochsFrom === 'auto' ? ' (auto)' : ''} = ${formatInt(c.billedTokens)} billed per job`],
      ['cost', cost],
      ['prices', c.priceSource],
    ]),
  );
}

function jobLine(j: LedgerJob): string[] {
  return [j.jobId ?? '(not created)', j.group, `s${j.seedIndex}`, j.status, j.fineTunedModel ?? '', j.trainedTokens !== null ? formatInt(j.trainedTokens) : '', j.error ?? ''];
}

const JOB_HEADER = ['job', 'group', 'seed', 'status', 'model', 'trained tokens', 'error'];

async function watch(ctx: Context, jobs: LedgerJob[], intervalMs: number): Promise<LedgerJob[]> {
  const store = ctx.openStore();
  const endpoints = ctx.endpoints();
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    return await watchJobs(store.ledger, (e) => remoteApi(endpoints, e), jobs, {
      intervalMs,
      signal: controller.signal,
      onUpdate: (_before, after) => ctx.io.err(`${after.jobId}: ${after.status}${after.fineTunedModel ? ` -> ${after.fineTunedModel}` : ''}${after.error ? ` (${after.error})` : ''}`),
      onError: (job, e) => ctx.io.err(`${job.jobId}: cannot poll it now (${e instanceof Error ? e.message : String(e)})`),
    });
  } finally {
    process.removeListener('SIGINT', stop);
    store.close();
    await endpoints.close();
  }
}

function finish(ctx: Context, jobs: LedgerJob[]): void {
  if (ctx.json) ctx.io.out(JSON.stringify(jobs));
  else ctx.io.out(table([JOB_HEADER, ...jobs.map(jobLine)]));
  if (jobs.some((j) => j.status === 'failed')) ctx.exitCode = 1;
}

async function launch(ctx: Context, file: string, flags: LaunchFlags): Promise<void> {
  const endpoints = ctx.endpoints();
  const target = fineTuningTarget(flags.base, flags.endpoint, endpoints);
  const optional = <T>(name: string, schema: z.ZodType<T>, value: string | undefined) => (value === undefined ? {} : { [name]: parseFlag(`--${name}`, schema, value) });
  const plan = await planLaunch(
    {
      file: await resolveOfficialFile(file, 'training', ctx.fetchOptions(flags.mirror)),
      endpoint: target.endpoint,
      ...(endpoints.project(target.endpoint) ? { project: endpoints.project(target.endpoint)! } : {}),
      base: target.model,
      ...(optional('epochs', epochsFlag, flags.epochs) as { epochs?: HyperparameterValue }),
      ...(flags.batchSize !== undefined ? { batchSize: parseFlag('--batch-size', batchSizeFlag, flags.batchSize) } : {}),
      ...(flags.lrMult !== undefined ? { learningRateMultiplier: parseFlag('--lr-mult', lrMultFlag, flags.lrMult) } : {}),
      seed: parseFlag('--seed', z.coerce.number().int().min(0).max(2 ** 31 - 1024), flags.seed),
      seeds: parseFlag('--seeds', positiveIntFlag.max(100), flags.seeds),
      ...(flags.suffix !== undefined ? { suffix: flags.suffix } : {}),
      ...(flags.group !== undefined ? { group: flags.group } : {}),
      ...(flags.experiment !== undefined ? { experiment: flags.experiment } : {}),
      ...(flags.variant !== undefined ? { variant: flags.variant } : {}),
    },
    ctx.prices,
  );
  if (ctx.json && flags.dryRun) {
    const { request: _request, validation, ...rest } = plan;
    ctx.io.out(JSON.stringify({ ...rest, validationErrors: validation.errors.length, dryRun: true }));
    return;
  }
  if (!ctx.json) printPlan(ctx, plan);
  if (plan.validation.errors.length > 0 && flags.validate) {
    for (const issue of plan.validation.errors) ctx.io.err(formatIssue(issue));
    throw new WeirdgenError(`${plan.file}: ${plan.validation.errors.length} validation errors; nothing was uploaded or created`);
  }
  if (flags.dryRun) {
    ctx.io.out('(dry run: nothing uploaded or created)');
    return;
  }
  const store = ctx.openStore();
  // Jobs already launched cost nothing more; an unknown price needs a yes as much as a high one.
  const toCreate = plan.jobs.filter((j) => !store.ledger.job(j.launchKey)?.jobId).length;
  if (toCreate > 0) {
    await confirmSpend(ctx, plan.perJob.cost === undefined ? Number.POSITIVE_INFINITY : plan.perJob.cost * toCreate, `${toCreate} fine-tuning jobs${plan.perJob.cost === undefined ? ' (price unknown)' : ''}`, Boolean(flags.yes)).catch((e: unknown) => {
      store.close();
      throw e;
    });
  }
  let jobs: LedgerJob[];
  try {
    const remote = remoteApi(endpoints, target.endpoint);
    const launched = await launchJobs(plan, store.ledger, remote, {
      workspace: ctx.workspace,
      retryFailed: Boolean(flags.retryFailed),
      onLaunched: (l) => ctx.io.err(`${l.job.jobId}: ${l.outcome === 'created' ? 'created' : l.outcome === 'recovered' ? 'found on the provider (recovered)' : 'already in the ledger'} (${l.job.suffix}, ${l.job.status})`),
    });
    jobs = launched.map((l) => l.job);
  } finally {
    store.close();
    await endpoints.close();
  }
  if (flags.wait) jobs = await watch(ctx, jobs, parseFlag('--interval', intervalFlag, flags.interval) * 1000);
  finish(ctx, jobs);
}

function findJob(ctx: Context, id: string): Promise<LedgerJob> {
  return ctx.withStore((store) => {
    const found = store.ledger.jobById(id);
    if (found.length === 1) return found[0]!;
    throw new WeirdgenError(found.length === 0 ? `no job "${id}" in the ledger (${store.file})` : `${found.length} jobs start with "${id}"; give more of the id`);
  });
}

export function registerFinetune(program: Command, run: CommandRunner): void {
  const finetune = program.command('finetune').description('fine-tuning jobs: launch over seeds, track in the ledger, use as model groups');
  finetune
    .command('launch')
    .description('validate, price and launch one job per seed (idempotent: a rerun reuses or recovers its jobs), then wait for them')
    .argument('<file>', 'training file (chat JSONL), or official:PATH for a pinned file of the paper')
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .requiredOption('--base <model>', 'base model: openai:gpt-4.1-2025-04-14, local:base-3, ... (a bare name goes to openai)')
    .option('--endpoint <name>', 'the endpoint to fine-tune on (default: the base reference’s)')
    .option('--epochs <n|auto>', 'default: the paper’s setting for an official file, else auto')
    .option('--batch-size <n|auto>')
    .option('--lr-mult <x|auto>', 'learning rate multiplier')
    .option('--seed <n>', 'seed of the first job; the others follow', '0')
    .option('--seeds <k>', 'jobs (seeds) to launch: they form one model group', '1')
    .option('--suffix <text>', 'model-name suffix stem (each job adds -s<index>)')
    .option('--group <name>', 'model group name (default: --variant, else the file name)')
    .option('--experiment <id>')
    .option('--variant <id>')
    .option('--dry-run', 'validate and price only')
    .option('--yes', 'no confirmation above the cost threshold')
    .option('--retry-failed', 'launch a new attempt for jobs that failed or were cancelled (otherwise they are reported as they are)')
    .option('--no-validate', 'upload even if weirdgen’s OpenAI rules find errors (a provider’s own rules may differ)')
    .option('--no-wait', 'return once the jobs exist')
    .option('--interval <seconds>', 'polling interval', '10')
    .action(async (file: string, flags: LaunchFlags, cmd: Command) => run((ctx) => launch(ctx, file, flags), cmd));
  finetune
    .command('status')
    .description('poll the provider for every unfinished job in the ledger and show all jobs')
    .option('--watch', 'keep polling until every job has finished')
    .option('--interval <seconds>', 'polling interval', '10')
    .action(async (opts: { watch?: boolean; interval: string }, cmd: Command) =>
      run(async (ctx) => {
        const store = ctx.openStore();
        const endpoints = ctx.endpoints();
        let all: LedgerJob[];
        try {
          // Jobs whose creation was begun but not recorded (a crash) are looked for first.
          const recovered = await recoverUnrecorded(store.ledger, store.ledger.jobs().filter((j) => !j.jobId), (e) => remoteApi(endpoints, e));
          all = store.ledger.jobs();
          if (recovered.some((j) => j.jobId)) ctx.io.err(`recovered ${recovered.filter((j) => j.jobId).length} job(s) created but not recorded`);
        } finally {
          store.close();
          await endpoints.close();
        }
        const intervalMs = parseFlag('--interval', intervalFlag, opts.interval) * 1000;
        const pending = all.filter((j) => !isFinished(j) && j.jobId);
        const updated = pending.length === 0 ? [] : opts.watch ? await watch(ctx, pending, intervalMs) : await refreshOnce(ctx, pending);
        const byKey = new Map(updated.map((j) => [j.launchKey, j]));
        finish(ctx, all.map((j) => byKey.get(j.launchKey) ?? j));
      }, cmd),
    );
  finetune
    .command('list')
    .description('the model groups: succeeded jobs per group, with their models')
    .option('--experiment <id>')
    .option('--variant <id>')
    .option('--base <model>')
    .action(async (opts: { experiment?: string; variant?: string; base?: string }, cmd: Command) =>
      run(async (ctx) => {
        await ctx.withStore((store) => {
          const endpoints = ctx.endpoints();
          const base = opts.base ? fineTuningTarget(opts.base, undefined, endpoints) : undefined;
          const jobs = store.ledger
            .jobs({ ...(opts.experiment ? { experiment: opts.experiment } : {}), ...(opts.variant ? { variant: opts.variant } : {}), ...(base ? { baseModel: base.model } : {}) })
            .filter((j) => !base || !opts.base!.includes(':') || j.endpoint === base.endpoint);
          const groups = [...new Set(jobs.map((j) => j.group))].map((group) => {
            const own = jobs.filter((j) => j.group === group);
            return { group, base: `${own[0]!.endpoint}:${own[0]!.baseModel}`, jobs: own.length, succeeded: own.filter((j) => j.status === 'succeeded').length, models: store.ledger.groupModels(group) };
          });
          if (ctx.json) return ctx.io.out(JSON.stringify(groups));
          if (groups.length === 0) return ctx.io.out('no fine-tuning jobs in the ledger');
          ctx.io.out(table([['group', 'base', 'succeeded', 'models (use as --models "name=@group")'], ...groups.map((g) => [g.group, g.base, `${g.succeeded}/${g.jobs}`, g.models.join(', ')])]));
        });
      }, cmd),
    );
  finetune
    .command('events')
    .description('the events and checkpoints of a job (refreshed from the provider)')
    .argument('<job>', 'job id or a unique prefix')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      run(async (ctx) => {
        const job = await findJob(ctx, id);
        const [fresh] = isFinished(job) ? [job] : await refreshOnce(ctx, [job]);
        await ctx.withStore((store) => {
          const events = store.ledger.events(job.jobId!);
          const checkpoints = store.ledger.checkpoints(job.jobId!);
          if (ctx.json) return ctx.io.out(JSON.stringify({ job: fresh, events, checkpoints }));
          ctx.io.out(table([JOB_HEADER, jobLine(fresh!)]));
          ctx.io.out(`\nresolved hyperparameters: ${JSON.stringify(fresh!.resolved)}; history: ${fresh!.history.map((h) => `${h.status} ${h.at}`).join(' -> ')}`);
          ctx.io.out(`\n${table(events.map((e) => [new Date(e.createdAt * 1000).toISOString(), e.level, e.message]))}`);
          if (checkpoints.length) ctx.io.out(`\ncheckpoints:\n${table(checkpoints.map((c) => [`step ${c.step}`, c.model, JSON.stringify(c.metrics)]))}`);
        });
      }, cmd),
    );
  finetune
    .command('cancel')
    .description('cancel a job on its provider and record it')
    .argument('<job>', 'job id or a unique prefix')
    .action(async (id: string, _opts: unknown, cmd: Command) =>
      run(async (ctx) => {
        const job = await findJob(ctx, id);
        const endpoints = ctx.endpoints();
        const store = ctx.openStore();
        try {
          const remote = await withRetries(() => remoteApi(endpoints, job.endpoint).cancelJob(job.jobId!));
          const after = store.ledger.recordRemote(job.launchKey, remote);
          finish(ctx, [after]);
        } finally {
          store.close();
          await endpoints.close();
        }
      }, cmd),
    );
}

async function refreshOnce(ctx: Context, jobs: LedgerJob[]): Promise<LedgerJob[]> {
  const store = ctx.openStore();
  const endpoints = ctx.endpoints();
  try {
    return await Promise.all(jobs.map((j) => refreshJob(store.ledger, remoteApi(endpoints, j.endpoint), j)));
  } finally {
    store.close();
    await endpoints.close();
  }
}
