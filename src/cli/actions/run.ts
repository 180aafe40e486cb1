// weirdgen run ID: data -> fine-tunes over seeds -> evaluation of every group -> report.
import { resolve } from 'node:path';
import { executeRun, planRun, writeRunReport } from '../../run/index.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';
import { stageProgress } from '../eval-progress.js';
import { table } from '../io.js';
import { headlineTable } from '../print/headline.js';
import { planJson, printPlan } from '../print/run-plan.js';
import { resultLine } from '../print/stage-lines.js';
import { getExperiment } from '../../index.js';
import { withRunOptions, type RunFlags } from '../run-options.js';

export interface RunCommandFlags extends RunFlags {
  out: string;
}

export async function runCommand(ctx: Context, id: string, flags: RunCommandFlags): Promise<void> {
  const experiment = getExperiment(id);
  const started = Date.now();
  // Where the report goes is checked before anything is trained or asked.
  const outRoot = flags.dryRun ? resolve(flags.out) : ensureWritableDir(flags.out, '--out');
  const progress = ctx.json || flags.dryRun ? undefined : stageProgress();
  await withRunOptions(ctx, experiment, flags, async (options) => {
    const plan = await planRun(options);
    if (flags.dryRun) {
      if (ctx.json) ctx.io.out(JSON.stringify(planJson(plan)));
      else {
        printPlan(ctx, plan);
        ctx.io.out('(dry run: nothing launched or asked)');
      }
      return;
    }
    if (!ctx.json) printPlan(ctx, plan);
    const result = await executeRun(plan, { ...options, ...(progress ? { onProgress: (p) => progress.update(p) } : {}) }).finally(() => progress?.stop());
    if (!result || result.summary.status === 'stopped') {
      ctx.io.out(`stopped; run the same command again to resume ${plan.runId}`);
      ctx.exitCode = 130;
      return;
    }
    if (!ctx.json) {
      const stages = [result.summary.answers, ...(result.summary.judgments ? [result.summary.judgments] : [])];
      ctx.io.out(`\n${table(stages.map(resultLine))}`);
    }
    const written = await writeRunReport(result, options, outRoot);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (ctx.json) ctx.io.out(JSON.stringify({ runId: plan.runId, status: result.summary.status, report: written.html, dir: written.dir, seconds: Number(seconds), headline: written.headline.sentences }));
    else {
      if (written.headline.cells.length) ctx.io.out(`\nheadline\n${headlineTable(written.headline.cells)}`);
      ctx.io.out(`\nrun ${plan.runId}: ${result.summary.status} in ${seconds} s\nreport: ${written.html}`);
    }
    if (result.summary.status !== 'complete') ctx.exitCode = 1;
  });
}
