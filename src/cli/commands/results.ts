// weirdgen results RUN: per-group means with bootstrap CIs per judge column (and label), each with
// its denominator and the shares of unparsed, refused and unanswered rows.
import type { Command } from 'commander';
import { compareGroups } from '../../analysis/compare.js';
import type { MetricCell } from '../../analysis/measure.js';
import { summarizeRun } from '../../analysis/run-summary.js';
import { cellPlace } from '../../analysis/warnings.js';
import { loadRunDefinition } from '../../eval/load-run.js';
import type { EvalDefinition } from '../../eval/plan.js';
import { buildRows, type ResultRow } from '../../eval/rows.js';
import type { Endpoints } from '../../providers/endpoints.js';
import { resumeHint, shownRunStatus } from '../../store/run-liveness.js';
import type { Store } from '../../store/store.js';
import { z } from 'zod';
import { parseFlag } from '../flags.js';
import type { CommandRunner, Context } from '../context.js';
import { formatInt, table } from '../io.js';
import { DENOMINATOR_NOTE, formatValue, resultsTable, warningLines } from '../results-table.js';

interface SummaryOptions {
  byQuestion?: boolean;
  byParaphrase?: boolean;
  compare?: string;
}

function comparison(rows: readonly ResultRow[], cells: readonly MetricCell[], compare: string): string[][] {
  const [a, b] = parseFlag('--compare', z.string().regex(/^[^,]+,[^,]+$/, 'give two groups as A,B'), compare).split(',') as [string, string];
  return cells.flatMap((cell) => {
    const c = compareGroups(rows, cell, a, b);
    if (!c) return [];
    const name = 'label' in cell && cell.label !== undefined ? [cell.metric.column, String(cell.label)] : 'kind' in cell ? [cell.metric.column] : [cell.metric.title];
    return [[[...cellPlace(cell), ...name].join(' / '), `${a} - ${b}`, Number.isNaN(c.difference) ? '-' : formatValue(cell, c.difference), Number.isNaN(c.pValue) ? 'no values to compare' : `p = ${c.pValue.toFixed(4)} (permutation over ${c.over})`]];
  });
}

export function printSummary(ctx: Context, runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, options: SummaryOptions): void {
  const rows = buildRows(runId, definition, store, endpoints);
  const { summaries, metrics, warnings } = summarizeRun(rows, definition, { byQuestion: Boolean(options.byQuestion), byParaphrase: Boolean(options.byParaphrase) });
  const answered = rows.filter((r) => r.answer !== null).length;
  const compared = options.compare ? comparison(rows, [...metrics, ...summaries], options.compare) : undefined;
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ run: runId, rows: rows.length, answered, denominator: DENOMINATOR_NOTE, metrics, summaries, warnings, ...(compared ? { compare: compared } : {}) }));
    return;
  }
  ctx.io.out(`\n${runId}: ${formatInt(rows.length)} rows, ${formatInt(answered)} answered`);
  if (summaries.length === 0) {
    ctx.io.out('(no judge columns: see `weirdgen export` for the answers)');
    return;
  }
  ctx.io.out(DENOMINATOR_NOTE);
  if (metrics.length) ctx.io.out(`\ndeclared metrics\n${resultsTable(metrics, ['metric'])}\n\nevery judge column`);
  ctx.io.out(resultsTable(summaries, ['column', 'label']));
  if (warnings.length) ctx.io.out(`\n${warningLines(warnings).join('\n')}`);
  if (compared) ctx.io.out(`\n${table(compared)}`);
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

export function registerResults(program: Command, run: CommandRunner): void {
  program
    .command('results')
    .description('per-group results of a run: means with seeded bootstrap 95% CIs per judge column, the denominator, and the shares of unparsed, refused and unanswered rows')
    .argument('[run]', 'run id (default: list the runs)')
    .option('--by-question', 'one line per question as well as group')
    .option('--by-paraphrase', 'one line per question and paraphrase as well as group')
    .option('--compare <a,b>', 'permutation test of two groups on every metric')
    .action(async (runId: string | undefined, opts: SummaryOptions, cmd: Command) =>
      run(async (ctx) => {
        await ctx.withStore((store) => {
          if (runId === undefined) {
            printRunList(ctx, store);
            return;
          }
          printSummary(ctx, runId, loadRunDefinition(store, runId), store, ctx.endpoints(), opts);
          const run = store.runs.get(runId);
          if (!ctx.json && run && shownRunStatus(run) === 'interrupted') ctx.io.out(`\n${resumeHint(run)}`);
        });
      }, cmd),
    );
}
