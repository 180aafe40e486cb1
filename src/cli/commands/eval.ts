// weirdgen eval SPEC --models GROUPS: ask, judge, store; rerunning the same command resumes.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { formatUsd } from '../../data/cost/estimate.js';
import { Caller } from '../../eval/calls/caller.js';
import { DEFAULT_RETRY_POLICY } from '../../eval/calls/retry-policy.js';
import { buildDefinition, defaultRunId, expandLedgerGroups } from '../../eval/definition.js';
import { estimateEval, type StageEstimate } from '../../eval/estimate.js';
import { evaluate } from '../../eval/evaluate.js';
import type { StageResult } from '../../eval/execute.js';
import { loadGroups, parseGroupsFlag } from '../../eval/groups.js';
import { OFFICIAL_PREFIX, resolveOfficialFile } from '../../eval/official-spec.js';
import { MAX_SAMPLES } from '../../eval/question.js';
import { isFile } from '../../util/fs.js';
import { confirmSpend } from '../confirm.js';
import type { CommandRunner, Context } from '../context.js';
import { stageProgress } from '../eval-progress.js';
import { shellCommand } from '../shell-quote.js';
import { parseFlag, positiveIntFlag } from '../flags.js';
import { formatInt, table } from '../io.js';
import { printSummary } from './results.js';

interface EvalFlags {
  models: string;
  samples?: string;
  run?: string;
  question?: string[];
  judgeModel?: string;
  concurrency?: string;
  rpm?: string;
  tpm?: string;
  timeout?: string;
  maxAttempts?: string;
  mirror?: string;
  batch?: boolean;
  batchPoll: string;
  dryRun?: boolean;
  yes?: boolean;
}

function stageLine(name: string, s: StageEstimate): string[] {
  const cost = `${formatUsd(s.maxCostUsd)} at most${s.unpriced.length ? ` (no price for ${s.unpriced.join(', ')})` : ''}`;
  return [name, `${formatInt(s.total)} calls`, `${formatInt(s.cached)} cached`, `${formatInt(s.toAsk)} to ask`, cost];
}

export function resultLine(s: StageResult): string[] {
  return [s.stage, `${formatInt(s.total)} calls`, `${formatInt(s.cached)} cached`, `${formatInt(s.called)} asked`, `${formatInt(s.failed)} failed`, `${formatInt(s.promptTokens + s.completionTokens)} tokens`, formatUsd(s.costUsd)];
}

async function resolveGroups(ctx: Context, flag: string) {
  const groups = (await isFile(flag)) ? await loadGroups(flag) : parseGroupsFlag(flag);
  return ctx.withStore((store) => expandLedgerGroups(groups, store.ledger));
}

export function registerEval(program: Command, run: CommandRunner): void {
  program
    .command('eval')
    .description('ask questions of model groups, judge the answers, and store everything (rerun to resume)')
    .argument('<spec>', 'question file (weirdgen or the authors’ llmcomp YAML), or official:PATH for a pinned file of the paper')
    .requiredOption('--models <groups>', 'groups file (YAML/JSON {group: [model refs]}), or inline: name=ref1,ref2;name2=ref3, or one model ref; @group: the fine-tuned models of a ledger group')
    .option('--samples <n>', 'samples per paraphrase, for every question (default: each question’s own)')
    .option('--question <id...>', 'only these questions')
    .option('--judge-model <ref>', 'use this model for every judge')
    .option('--run <id>', 'run id (default: from the spec name and a hash of what is asked)')
    .option('--concurrency <n>', 'calls in flight per model at most')
    .option('--rpm <n>', 'requests per minute per model')
    .option('--tpm <n>', 'tokens per minute per model')
    .option('--timeout <seconds>', 'per-request timeout', '60')
    .option('--max-attempts <n>', 'attempts per call before it is stored as failed', String(DEFAULT_RETRY_POLICY.maxAttempts))
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .option('--batch', 'send the calls through the Batch API (half price on OpenAI; resumable); the direct path retries what a batch could not answer')
    .option('--batch-poll <seconds>', 'how often to look at a batch', '30')
    .option('--dry-run', 'print what would be asked and what it may cost, then stop')
    .option('--yes', 'do not ask for confirmation above the cost threshold')
    .action(async (spec: string, flags: EvalFlags, cmd: Command) => run((ctx) => runEvalCommand(ctx, spec, flags), cmd));
}

/** `weirdgen eval` with what decides the run (its id included), so that running it again resumes the same run. */
async function resumeCommand(ctx: Context, spec: string, flags: EvalFlags, runId: string): Promise<string> {
  // Paths made absolute: the command may be run again from another folder.
  const models = (await isFile(flags.models)) ? resolve(flags.models) : flags.models;
  return shellCommand([
    'weirdgen',
    '--workspace',
    ctx.workspace,
    ...(ctx.file !== undefined ? ['--config', ctx.file] : []),
    'eval',
    spec.startsWith(OFFICIAL_PREFIX) ? spec : resolve(spec),
    '--models',
    models,
    '--run',
    runId,
    ...(flags.samples !== undefined ? ['--samples', flags.samples] : []),
    ...(flags.question ? ['--question', ...flags.question] : []),
    ...(flags.judgeModel !== undefined ? ['--judge-model', flags.judgeModel] : []),
    ...(flags.mirror !== undefined ? ['--mirror', resolve(flags.mirror)] : []),
    ...(flags.batch ? ['--batch'] : []),
  ]);
}

async function runEvalCommand(ctx: Context, spec: string, flags: EvalFlags): Promise<void> {
  const optionalInt = (name: string, value: string | undefined) => (value === undefined ? undefined : parseFlag(name, positiveIntFlag, value));
  const samples = flags.samples === undefined ? undefined : parseFlag('--samples', positiveIntFlag.max(MAX_SAMPLES), flags.samples);
  const timeoutMs = parseFlag('--timeout', z.coerce.number().positive(), flags.timeout ?? '60') * 1000;
  const endpoints = ctx.endpoints(timeoutMs);
  const definition = await buildDefinition(
    {
      specFile: await resolveOfficialFile(spec, 'questions', ctx.fetchOptions(flags.mirror)),
      groups: await resolveGroups(ctx, flags.models),
      ...(samples !== undefined ? { samples } : {}),
      ...(flags.judgeModel !== undefined ? { judgeModel: flags.judgeModel } : {}),
      ...(flags.question ? { questionIds: flags.question } : {}),
      onWarning: (message: string) => ctx.io.err(`warning: ${message}`),
    },
    endpoints,
  );
  const runId = flags.run ?? defaultRunId(spec, definition);
  const store = ctx.openStore();
  const controller = new AbortController();
  const onSigint = () => {
    ctx.io.err('\nstopping: keeping every answer that has arrived; rerun the same command to resume');
    controller.abort(new Error('interrupted'));
  };
  try {
    const estimate = estimateEval(definition, store, endpoints, ctx.prices);
    const plan = table([stageLine('answers', estimate.answers), stageLine('judgments', estimate.judgments)]);
    if (flags.dryRun) {
      if (ctx.json) ctx.io.out(JSON.stringify({ runId, ...estimate }));
      else ctx.io.out(`run ${runId}: ${formatInt(estimate.rows)} rows\n${plan}\n(dry run: nothing asked)`);
      return;
    }
    await confirmSpend(ctx, estimate.answers.maxCostUsd + estimate.judgments.maxCostUsd, `run ${runId}`, Boolean(flags.yes));
    if (!ctx.json) ctx.io.err(`run ${runId}: ${formatInt(estimate.rows)} rows\n${plan}`);
    const maxAttempts = optionalInt('--max-attempts', flags.maxAttempts) ?? DEFAULT_RETRY_POLICY.maxAttempts;
    const overrides = { concurrency: optionalInt('--concurrency', flags.concurrency), rpm: optionalInt('--rpm', flags.rpm), tpm: optionalInt('--tpm', flags.tpm) };
    const caller = new Caller({
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts },
      limits: (endpoint) => endpoints.limits(endpoint, Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined))),
    });
    const progress = ctx.json ? undefined : stageProgress();
    process.once('SIGINT', onSigint);
    const batch = flags.batch ? { pollMs: parseFlag('--batch-poll', z.coerce.number().positive().max(3600), flags.batchPoll) * 1000, onStatus: (line: string) => ctx.io.err(line) } : undefined;
    const summary = await evaluate({
      runId,
      definition,
      store,
      endpoints,
      caller,
      prices: ctx.prices,
      signal: controller.signal,
      resumeCommand: await resumeCommand(ctx, spec, flags, runId),
      ...(batch ? { batch } : {}),
      ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    }).finally(() => progress?.stop());
    if (ctx.json) ctx.io.out(JSON.stringify(summary));
    else {
      const stages = [summary.answers, ...(summary.judgments ? [summary.judgments] : [])];
      ctx.io.out(`run ${runId}: ${summary.status}\n${table(stages.map(resultLine))}`);
      for (const s of stages) for (const [reason, n] of Object.entries(s.failures)) ctx.io.out(`  ${s.stage} failed x${n}: ${reason}`);
      for (const [stage, b] of Object.entries(summary.batches ?? {})) {
        ctx.io.out(`  ${stage} by batch: ${b.created} created, ${b.resumed} resumed, ${formatInt(b.answered)} answers stored (${formatUsd(b.costUsd)}), ${formatInt(b.failedLines)} failed lines (asked directly)`);
        for (const [reason, n] of Object.entries(b.failures)) ctx.io.out(`    batch lines failed x${n}: ${reason}`);
      }
      if (summary.status !== 'stopped') printSummary(ctx, runId, definition, store, endpoints, {});
      if (summary.status !== 'complete') ctx.io.out(`rerun the same command to ${summary.status === 'stopped' ? 'resume' : 'retry what failed'}`);
    }
    if (summary.status === 'stopped') ctx.exitCode = 130;
    else if (summary.status === 'incomplete') ctx.exitCode = 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
    store.close();
    await endpoints.close();
  }
}
