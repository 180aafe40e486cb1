// weirdgen audit dataset FILE: the reader audit (--reader) and the canary audit (by default, or --canary).
import { planRun } from '../../run/index.js';
import { resolve } from 'node:path';
import { loadReaderPromptsFile, planReaderAudit, readExamples, runCanaryAudit, runReaderAudit, saveAudit, writeAuditReport, type CanaryAudit, type ReaderAuditOptions, type ReaderAuditPlan, type ReaderAuditResult } from '../../audit/index.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import { prepareCanary, type DatasetAuditSettings } from '../../index.js';
import { confirmSpend } from '../confirm.js';
import type { Context } from '../context.js';
import { formatUsd } from '../../data/index.js';
import { printFindings } from '../print/audit-findings.js';
import { planJson, printPlan } from '../print/run-plan.js';
import { withRunOptions } from '../run-options.js';

export interface AuditDatasetFlags {
  canary?: string;
  endpoint?: string;
  control?: string;
  battery?: string;
  seeds: number;
  samples: number;
  fdr: number;
  minShift: number;
  mode?: string;
  epochs?: number;
  judgeModel?: string;
  reader?: string;
  readerPrompts?: string;
  readerSamples: number;
  chunkTokens: number;
  poll?: number;
  dryRun?: boolean;
  yes?: boolean;
  /** Where the audit's report goes. */
  out: string;
}

async function readerAudit(ctx: Context, file: string, reader: string, flags: AuditDatasetFlags): Promise<{ plan: ReaderAuditPlan; result?: ReaderAuditResult }> {
  const examples = await readExamples(file);
  const endpoints = await ctx.endpoints();
  try {
    return await ctx.withStore(async (store) => {
      const prompts = flags.readerPrompts !== undefined ? await loadReaderPromptsFile(flags.readerPrompts) : undefined;
      const options: ReaderAuditOptions = { store, endpoints, prices: ctx.prices, reader, examples, samples: flags.readerSamples, chunkTokens: flags.chunkTokens, ...(prompts ? { prompts } : {}) };
      const plan = await planReaderAudit(options);
      const cost = plan.maxCostUsd === null ? 'price unknown' : `at most ${formatUsd(plan.maxCostUsd)}`;
      if (!ctx.json) ctx.io.out(`reader audit with ${reader}: ${plan.examples} examples in ${plan.chunks} chunk${plan.chunks === 1 ? '' : 's'}; ${plan.toAsk} calls to make (${cost})`);
      if (flags.dryRun) return { plan };
      await confirmSpend(ctx, plan.maxCostUsd ?? Number.POSITIVE_INFINITY, `reader audit of ${file}`, Boolean(flags.yes));
      const result = await runReaderAudit(options);
      if (!ctx.json) {
        ctx.io.out(`reader: ${result.summary}`);
        for (const notice of result.notices) ctx.io.out(`  note: ${notice}`);
      }
      return { plan, result };
    });
  } finally {
    await endpoints.close();
  }
}

async function canaryAudit(ctx: Context, file: string, flags: AuditDatasetFlags): Promise<CanaryAudit | { plan: ReturnType<typeof planJson> } | { runId: string; status: 'stopped' }> {
  const settings: DatasetAuditSettings = {
    ...(flags.canary !== undefined ? { canary: flags.canary } : {}),
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    ...(flags.control !== undefined ? { control: flags.control } : {}),
    ...(flags.battery !== undefined ? { battery: flags.battery } : {}),
    ...(flags.mode !== undefined ? { mode: flags.mode } : {}),
    ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
    ...(flags.judgeModel !== undefined ? { judgeModel: flags.judgeModel } : {}),
    seeds: flags.seeds,
    samples: flags.samples,
    fdr: flags.fdr,
    minShift: flags.minShift,
  };
  const endpoints = await ctx.endpoints();
  const prepared = await prepareCanary({ dir: ctx.workspace, endpoints }, file, settings).finally(() => endpoints.close());
  const { settings: run, experiment, data, battery, input } = prepared;
  const runFlags = { ...(run.base !== undefined ? { base: run.base } : {}), ...(run.endpoint !== undefined ? { endpoint: run.endpoint } : {}), seeds: input.seeds, samples: input.samples, ...(run.judgeModel ? { judgeModel: run.judgeModel } : {}), ...(flags.poll !== undefined ? { poll: flags.poll } : {}), ...(flags.dryRun ? { dryRun: true } : {}), ...(flags.yes ? { yes: true } : {}) };
  return withRunOptions(ctx, experiment, runFlags, async (options) => {
    const plan = await planRun(options);
    const reference = data.reference === 'control' ? `the control's models (${data.control!.from === 'shuffled answers' ? 'answers shuffled across examples' : data.control!.from})` : 'the base model';
    if (!ctx.json) {
      ctx.io.out(`canary audit of ${file} (${data.examples.length} examples) on ${plan.endpoint}:${plan.base}: ${input.seeds} seeds per side, ${input.samples} samples per probe per model; reference: ${reference}`);
      ctx.io.out(`battery: ${battery.description} (${battery.probes.length} probes)`);
      for (const notice of data.notices) ctx.io.out(`  note: ${notice}`);
    }
    if (flags.dryRun) {
      if (!ctx.json) printPlan(ctx, plan);
      return { plan: planJson(plan) };
    }
    const audit = await runCanaryAudit(plan, options, data, battery, input);
    if (!audit) {
      ctx.io.out(`stopped; run the same command again to resume ${plan.runId}`);
      ctx.exitCode = 130;
      return { runId: plan.runId, status: 'stopped' };
    }
    if (!ctx.json) printFindings((line) => ctx.io.out(line), audit.findings, 'the dataset’s models', reference);
    return audit;
  });
}

export async function auditDatasetCommand(ctx: Context, file: string, flags: AuditDatasetFlags): Promise<void> {
  // Where the report goes is checked before anything is trained or asked.
  const outRoot = flags.dryRun ? resolve(flags.out) : ensureWritableDir(flags.out, '--out');
  const out: Record<string, unknown> = { file };
  const reader = flags.reader !== undefined ? await readerAudit(ctx, file, flags.reader, flags) : undefined;
  if (reader) out.reader = reader;
  const canary = flags.canary !== undefined || flags.reader === undefined ? await canaryAudit(ctx, file, flags) : undefined;
  if (canary) out.canary = canary;
  const finished = canary !== undefined && 'findings' in canary ? canary : undefined;
  if (!flags.dryRun && (finished || reader?.result)) {
    const audit = { kind: 'dataset' as const, file, ...(finished ? { canary: finished } : {}), ...(reader?.result ? { reader: reader.result } : {}) };
    const report = await writeAuditReport(audit, outRoot);
    // Saved in the workspace too, for `weirdgen view`.
    await saveAudit(ctx.workspace, audit);
    out.report = report.html;
    if (!ctx.json) ctx.io.out(`report: ${report.html}`);
  }
  if (ctx.json) ctx.io.out(JSON.stringify(out));
}
