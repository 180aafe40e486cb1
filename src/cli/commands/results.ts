// weirdgen results RUN: per-group means with bootstrap CIs per judge column (and label).
import type { Command } from 'commander';
import { permutationTest } from '../../analysis/permutation.js';
import { summarizeRows, type MetricSummary } from '../../analysis/summarize.js';
import { loadRunDefinition } from '../../eval/load-run.js';
import type { EvalDefinition } from '../../eval/plan.js';
import { buildRows } from '../../eval/rows.js';
import type { Endpoints } from '../../providers/endpoints.js';
import type { Store } from '../../store/store.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandRunner, Context } from '../context.js';
import { formatInt, table } from '../io.js';

interface SummaryOptions {
  byQuestion?: boolean;
  compare?: string;
}

function formatValue(summary: MetricSummary, v: number): string {
  return summary.label !== undefined ? `${(100 * v).toFixed(1)}%` : v.toFixed(1);
}

function comparison(summaries: MetricSummary[], compare: string): string[][] {
  const [a, b] = compare.split(',');
  if (!a || !b) throw new ConfigError(`--compare: give two groups as A,B (got "${compare}")`);
  return summaries.flatMap((s) => {
    const ga = s.groups.find((g) => g.group === a);
    const gb = s.groups.find((g) => g.group === b);
    if (!ga || !gb) return [];
    // Compare what the error bars resample: model means when both groups have several models.
    const byModels = ga.over === 'models' && gb.over === 'models';
    const values = (g: typeof ga) => (byModels ? g.models.map((m) => m.mean) : g.models.flatMap((m) => Array<number>(m.n).fill(m.mean)));
    const test = byModels ? permutationTest(values(ga), values(gb)) : undefined;
    const label = [s.question, s.column, s.label].filter(Boolean).join(' / ');
    return [[label, `${a} - ${b}`, formatValue(s, ga.mean - gb.mean), test ? `p = ${test.pValue.toFixed(4)} (permutation over model means)` : 'needs several models per group']];
  });
}

export function printSummary(ctx: Context, runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, options: SummaryOptions): void {
  const rows = buildRows(runId, definition, store, endpoints);
  const summaries = summarizeRows(rows, { byQuestion: Boolean(options.byQuestion) });
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ run: runId, rows: rows.length, summaries, ...(options.compare ? { compare: comparison(summaries, options.compare) } : {}) }));
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
      lines.push([s.question ?? 'all', s.column, s.label ?? '(mean)', g.group, Number.isNaN(g.mean) ? '-' : formatValue(s, g.mean), ci, String(g.n), g.over, String(g.missing)]);
    }
  }
  ctx.io.out(table(lines));
  if (options.compare) ctx.io.out(`\n${table(comparison(summaries, options.compare))}`);
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
        const store = ctx.openStore();
        try {
          if (runId === undefined) {
            const runs = store.runs.list();
            if (ctx.json) ctx.io.out(JSON.stringify(runs.map(({ definition: _d, ...r }) => r)));
            else ctx.io.out(runs.length ? table(runs.map((r) => [r.id, r.kind, r.status, r.updatedAt])) : `no runs in ${store.file}`);
            return;
          }
          printSummary(ctx, runId, loadRunDefinition(store, runId), store, ctx.endpoints(), opts);
        } finally {
          store.close();
        }
      }, cmd),
    );
}
