// weirdgen results [RUN]: the runs of the workspace, or one run's per-group results.
import { loadRunDefinition } from '../../eval/index.js';
import { resumeHint, shownRunStatus, type Store } from '../../store/index.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { ConfigError } from '../../util/errors.js';
import type { Context } from '../context.js';
import { table } from '../io.js';
import { printSummary, type SummaryOptions } from '../print/run-summary.js';

export interface ResultsFlags {
  byQuestion?: boolean;
  byParaphrase?: boolean;
  compare?: string;
}

/** Every run with its status; a running run whose process is gone shows as interrupted, with how to resume it. */
function printRunList(ctx: Context, store: Store): void {
  const runs = store.runs.list().map((run) => ({ run, status: shownRunStatus(run) }));
  if (ctx.json) {
    ctx.io.out(JSON.stringify(runs.map(({ run: { definition: _d, ...r }, status }) => ({ ...r, status, ...(status === 'interrupted' && r.resumeCommand ? { resume: r.resumeCommand } : {}) }))));
    return;
  }
  if (runs.length === 0) {
    ctx.io.out(`no runs in ${store.file}`);
    return;
  }
  ctx.io.out(table(runs.map(({ run, status }) => [run.id, run.kind, status, run.updatedAt])));
  const interrupted = runs.filter((r) => r.status === 'interrupted');
  if (interrupted.length > 0) ctx.io.out(`\n${interrupted.map(({ run }) => resumeHint(run)).join('\n')}`);
}

function compared(flag: string | undefined): Pick<SummaryOptions, 'compare'> {
  if (flag === undefined) return {};
  const parts = flag.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new ConfigError(`--compare: give two groups as A,B (got ${JSON.stringify(flag)})`);
  return { compare: [parts[0]!, parts[1]!] };
}

export async function resultsCommand(ctx: Context, runId: string | undefined, flags: ResultsFlags): Promise<void> {
  const endpoints = await ctx.endpoints();
  try {
    await ctx.withStore((store) => {
      if (runId === undefined) return printRunList(ctx, store);
      const run = store.runs.get(runId);
      if (!run) throw new ConfigError(`no run "${runId}" in ${store.file}${didYouMean(runId, store.runs.list().map((r) => r.id))}`);
      printSummary(ctx, runId, loadRunDefinition(store, runId), store, endpoints, { byQuestion: flags.byQuestion, byParaphrase: flags.byParaphrase, ...compared(flags.compare) });
      if (!ctx.json && shownRunStatus(run) === 'interrupted') ctx.io.out(`\n${resumeHint(run)}`);
    });
  } finally {
    await endpoints.close();
  }
}
