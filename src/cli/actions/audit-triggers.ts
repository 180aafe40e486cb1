// weirdgen audit triggers MODEL: the adaptive search for conditions that change a model's behaviour.
import { formatUsd } from '../../data/index.js';
import { resolve } from 'node:path';
import { planTriggersAudit, runTriggersAudit, saveAudit, writeAuditReport } from '../../audit/index.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import { prepareTriggersAudit } from '../../index.js';
import type { Context } from '../context.js';
import { confirmSpend } from '../confirm.js';
import { printFindings } from '../print/audit-findings.js';

export interface AuditTriggersFlags {
  against?: string;
  families?: string;
  conditions?: string;
  battery?: string;
  judgeModel?: string;
  batch?: boolean;
  poll: number;
  yes?: boolean;
  coarseSamples: number;
  samples: number;
  fdr: number;
  minShift: number;
  dryRun?: boolean;
  /** Where the audit's report goes. */
  out: string;
}

export async function auditTriggersCommand(ctx: Context, model: string, flags: AuditTriggersFlags): Promise<void> {
  // Where the report goes is checked before anything is asked.
  const outRoot = flags.dryRun ? resolve(flags.out) : ensureWritableDir(flags.out, '--out');
  const endpoints = await ctx.endpoints();
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted'));
  try {
    await ctx.withStore(async (store) => {
      const families = flags.families?.split(',').map((f) => f.trim()).filter(Boolean);
      const { options, notices } = await prepareTriggersAudit({ dir: ctx.workspace, store, prices: ctx.prices, endpoints }, model, {
        ...(flags.against !== undefined ? { against: flags.against } : {}),
        ...(families?.length ? { families } : {}),
        ...(flags.conditions !== undefined ? { conditionsFile: flags.conditions } : {}),
        ...(flags.battery !== undefined ? { battery: flags.battery } : {}),
        ...(flags.judgeModel !== undefined ? { judgeModel: flags.judgeModel } : {}),
        coarseSamples: flags.coarseSamples,
        refinedSamples: flags.samples,
        fdr: flags.fdr,
        minShift: flags.minShift,
      });
      const plan = await planTriggersAudit(options);
      const bound = plan.bound.answers.maxCostUsd + plan.bound.judgments.maxCostUsd;
      if (!ctx.json) {
        ctx.io.out(`triggers audit of ${model}${flags.against ? ` against ${flags.against}` : ''}: ${plan.conditions} candidate conditions x ${plan.probes} probes; coarse pass ${plan.coarse.answers.toAsk} answers to ask; at most ${plan.bound.answers.toAsk} answers in all (${formatUsd(bound)})`);
        for (const notice of notices) ctx.io.out(`  note: ${notice}`);
      }
      if (flags.dryRun) {
        if (ctx.json) ctx.io.out(JSON.stringify({ plan, notices }));
        return;
      }
      await confirmSpend(ctx, bound, `triggers audit of ${model} (a bound: every candidate refined)`, Boolean(flags.yes));
      process.once('SIGINT', onSigint);
      const result = await runTriggersAudit({ ...options, signal: controller.signal, ...(flags.batch ? { batch: { pollMs: flags.poll * 1000, onStatus: (line: string) => ctx.io.err(line) } } : {}) });
      const battery = { id: options.battery.id, description: options.battery.description, probes: options.battery.probes.length };
      const audit = { kind: 'triggers' as const, result: { ...result, notices: [...notices, ...result.notices] }, battery };
      const report = await writeAuditReport(audit, outRoot);
      // Saved in the workspace too, for `weirdgen view`.
      await saveAudit(ctx.workspace, audit);
      if (ctx.json) {
        ctx.io.out(JSON.stringify({ ...result, notices: [...notices, ...result.notices], report: report.html }));
        return;
      }
      for (const notice of result.notices) ctx.io.out(`  note: ${notice}`);
      const refined = result.families.flatMap((f) => f.conditions).filter((c) => c.stage === 'refined');
      ctx.io.out(`${result.families.reduce((n, f) => n + f.conditions.length, 0)} conditions tried, ${refined.length} refined (${refined.map((c) => c.id).join(', ') || 'none'}); answers asked: ${result.called.coarse} coarse, ${result.called.final} final`);
      printFindings((line) => ctx.io.out(line), result.findings, `${model} under each condition`, flags.against ? `the plain probe, beyond the condition's effect on ${flags.against}` : 'the plain probe');
      ctx.io.out(`report: ${report.html}`);
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    await endpoints.close();
  }
}
