// weirdgen eval: groups from the flag, then the one library call (runEvaluation), with a
// confirmation at the terminal, progress bars, Ctrl-C as a stop, and the results printed.
import { resolve } from 'node:path';
import { formatUsd } from '../../data/index.js';
import { loadGroups, OFFICIAL_PREFIX, parseGroupsFlag, runEvaluation, type EvalEstimate, type EvalSummary, type ModelGroups } from '../../eval/index.js';
import { isFile } from '../../util/fs.js';
import { confirmSpend } from '../confirm.js';
import type { Context } from '../context.js';
import { stageProgress } from '../eval-progress.js';
import { formatInt, table } from '../io.js';
import { printSummary } from '../print/run-summary.js';
import { estimateLine, resultLine } from '../print/stage-lines.js';
import { shellCommand } from '../shell-quote.js';

export interface EvalFlags {
  models: string;
  samples?: number;
  run?: string;
  question?: string[];
  judgeModel?: string;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  timeout: number;
  maxAttempts: number;
  mirror?: string;
  batch?: boolean;
  poll: number;
  dryRun?: boolean;
  yes?: boolean;
}

/** `--models`: a groups file, or the inline form. */
async function groupsFromFlag(flag: string): Promise<ModelGroups> {
  return (await isFile(flag)) ? loadGroups(flag) : parseGroupsFlag(flag);
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
    ...(flags.samples !== undefined ? ['--samples', String(flags.samples)] : []),
    ...(flags.question ? ['--question', ...flags.question] : []),
    ...(flags.judgeModel !== undefined ? ['--judge-model', flags.judgeModel] : []),
    ...(flags.mirror !== undefined ? ['--mirror', resolve(flags.mirror)] : []),
    ...(flags.batch ? ['--batch'] : []),
  ]);
}

function planTable(estimate: EvalEstimate): string {
  return table([estimateLine('answers', estimate.answers), estimateLine('judgments', estimate.judgments)]);
}

function printOutcome(ctx: Context, summary: EvalSummary): void {
  const stages = [summary.answers, ...(summary.judgments ? [summary.judgments] : [])];
  ctx.io.out(`run ${summary.runId}: ${summary.status}\n${table(stages.map(resultLine))}`);
  for (const s of stages) for (const [reason, n] of Object.entries(s.failures)) ctx.io.out(`  ${s.stage} failed x${n}: ${reason}`);
  for (const [stage, b] of Object.entries(summary.batches ?? {})) {
    ctx.io.out(`  ${stage} by batch: ${b.created} created, ${b.resumed} resumed, ${formatInt(b.answered)} answers stored (${formatUsd(b.costUsd)}), ${formatInt(b.failedLines)} failed lines (asked directly)`);
    for (const [reason, n] of Object.entries(b.failures)) ctx.io.out(`    batch lines failed x${n}: ${reason}`);
  }
}

export async function evalCommand(ctx: Context, spec: string, flags: EvalFlags): Promise<void> {
  const groups = await groupsFromFlag(flags.models);
  const endpoints = await ctx.endpoints(flags.timeout * 1000);
  const controller = new AbortController();
  const onSigint = () => {
    ctx.io.err('\nstopping: keeping every answer that has arrived; rerun the same command to resume');
    controller.abort(new Error('interrupted'));
  };
  const progress = ctx.json || flags.dryRun ? undefined : stageProgress();
  try {
    await ctx.withStore(async (store) => {
      process.once('SIGINT', onSigint);
      const outcome = await runEvaluation({
        store,
        endpoints,
        prices: ctx.prices,
        specFile: spec,
        fetch: ctx.fetchOptions(flags.mirror),
        groups,
        ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
        ...(flags.question ? { questionIds: flags.question } : {}),
        ...(flags.judgeModel !== undefined ? { judgeModel: flags.judgeModel } : {}),
        ...(flags.run !== undefined ? { runId: flags.run } : {}),
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(flags.rpm !== undefined ? { rpm: flags.rpm } : {}),
        ...(flags.tpm !== undefined ? { tpm: flags.tpm } : {}),
        maxAttempts: flags.maxAttempts,
        ...(flags.batch ? { batch: { pollMs: flags.poll * 1000, onStatus: (line: string) => ctx.io.err(line) } } : {}),
        dryRun: Boolean(flags.dryRun),
        signal: controller.signal,
        onWarning: (message) => ctx.io.err(`warning: ${message}`),
        ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
        confirm: async (maxCostUsd, runId, estimate) => {
          if (!ctx.json) ctx.io.err(`run ${runId}: ${formatInt(estimate.rows)} rows\n${planTable(estimate)}`);
          const unpriced = [...new Set([...estimate.answers.unpriced, ...estimate.judgments.unpriced])];
          await confirmSpend(ctx, maxCostUsd, `run ${runId}${unpriced.length ? ` (no price for ${unpriced.join(', ')})` : ''}`, Boolean(flags.yes));
        },
        resumeCommand: (runId) => resumeCommand(ctx, spec, flags, runId),
      }).finally(() => progress?.stop());
      const { runId, estimate, summary, definition } = outcome;
      if (!summary) {
        if (ctx.json) ctx.io.out(JSON.stringify({ runId, ...estimate }));
        else ctx.io.out(`run ${runId}: ${formatInt(estimate.rows)} rows\n${planTable(estimate)}\n(dry run: nothing asked)`);
        return;
      }
      if (ctx.json) ctx.io.out(JSON.stringify(summary));
      else {
        printOutcome(ctx, summary);
        if (summary.status !== 'stopped') printSummary(ctx, runId, definition, store, endpoints, {});
        if (summary.status !== 'complete') ctx.io.out(`rerun the same command to ${summary.status === 'stopped' ? 'resume' : 'retry what failed'}`);
      }
      if (summary.status === 'stopped') ctx.exitCode = 130;
      else if (summary.status === 'incomplete') ctx.exitCode = 1;
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    await endpoints.close();
  }
}
