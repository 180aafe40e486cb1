// weirdgen results RUN: per-group means with bootstrap CIs per judge column (and label).
import type { Command } from 'commander';
import { compareGroups } from '../../analysis/compare.js';
import { summarizeRows, type MetricSummary } from '../../analysis/summarize.js';
import { loadRunDefinition } from '../../eval/load-run.js';
import type { EvalDefinition } from '../../eval/plan.js';
import { buildRows, type ResultRow } from '../../eval/rows.js';
import type { Endpoints } from '../../providers/endpoints.js';
import type { Store } from '../../store/store.js';
import { z } from 'zod';
import { parseFlag } from '../flags.js';
import type { CommandRunner, Context } from '../context.js';
import { formatInt, table } from '../io.js';

interface SummaryOptions {
  byQuestion?: boolean;
  compare?: string;
}

function formatValue(summary: MetricSummary, v: number): string {
  return summary.label !== undefined ? `${(100 * v).toFixed(1)}%` : v.toFixed(1);
}

function comparison(rows: readonly ResultRow[], summaries: MetricSummary[], compare: string): string[][] {
  const [a, b] = parseFlag('--compare', z.string().regex(/^[^,]+,[^,]+$/, 'give two groups as A,B'), compare).split(',') as [string, string];
  return summaries.flatMap((s) => {
    const c = compareGroups(rows, s, a, b);
    if (!c) return [];
    const label = [s.question, s.column, s.label].filter(Boolean).join(' / ');
    return [[label, `${a} - ${b}`, formatValue(s, c.difference), `p = ${c.pValue.toFixed(4)} (permutation over ${c.over})`]];
  });
}

export function printSummary(ctx: Context, runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, options: SummaryOptions): void {
  const rows = buildRows(runId, definition, store, endpoints);
  const summaries = summarizeRows(rows, { byQuestion: Boolean(options.byQuestion) });
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ run: runId, rows: rows.length, summaries, ...(options.compare ? { compare: comparison(rows, summaries, options.compare) } : {}) }));
    return;
  }
  const answered = rows.filter((r) => r.answer !== null).length;
  ctx.io.out(`\n${runId}: ${formatInt(rows.length)} rows, ${formatInt(answered)} answered`);
  if (summaries.length === 0) {
    ctx.io.out('(no judge columns: see `weirdgen export` for the answers)');
    return;
  }
  const lines = [['question', 'column', 'label', 'group', 'mean', '95% CI', 'n', 'CI over', 'no value']];
  for (const s of summaries) {
    for (const g of s.groups) {
      const ci = Number.isNaN(g.mean) ? '' : `[${formatValue(s, g.ciLow)}, ${formatValue(s, g.ciHigh)}]`;
      lines.push([s.question ?? 'all', s.column, s.label ?? (s.methods?.includes('sampled') ? '(mean, sampled numbers)' : '(mean)'), g.group, Number.isNaN(g.mean) ? '-' : formatValue(s, g.mean), ci, String(g.n), g.over, String(g.missing)]);
    }
  }
  ctx.io.out(table(lines));
  if (options.compare) ctx.io.out(`\n${table(comparison(rows, summaries, options.compare))}`);
}

export function registerResults(program: Command, run: CommandRunner): void {
  program
    .command('results')
    .description('per-group results of a run: means with seeded bootstrap 95% CIs per judge column')
    .argument('[run]', 'run id (default: list the runs)')
    .option('--by-question', 'one line per question as well as group')
    .option('--compare <a,b>', 'permutation test of two groups on every metric')
    .action(async (runId: string | undefined, opts: SummaryOptions, cmd: Command) =>
      run(async (ctx) => {
        await ctx.withStore((store) => {
          if (runId === undefined) {
            const runs = store.runs.list();
            if (ctx.json) ctx.io.out(JSON.stringify(runs.map(({ definition: _d, ...r }) => r)));
            else ctx.io.out(runs.length ? table(runs.map((r) => [r.id, r.kind, r.status, r.updatedAt])) : `no runs in ${store.file}`);
            return;
          }
          printSummary(ctx, runId, loadRunDefinition(store, runId), store, ctx.endpoints(), opts);
        });
      }, cmd),
    );
}
