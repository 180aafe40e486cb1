// The filtered samples of a run as CSV or JSON lines, streamed: the index is read a page of 1,000
// at a time and each page's rows rebuilt from the store, written with the export's own formatter.
// An index rebuilt while the client reads ends the export with an error rather than mixing two.
import { exportFormatter, judgeColumnsOf, sampleRows, type ExportFormat } from '../eval/index.js';
import type { ViewContext } from './context.js';
import { runPlan } from './run-plan.js';
import { filterSql, type SampleFilter } from './sample-filter.js';
import { ensureSampleIndex, storedIndex } from './sample-index.js';
import type { IndexedSample } from './samples.js';

const PAGE = 1000;

/** The lines of the export, one page of samples at a time; the index is brought up to date first. */
export async function exportSamples(ctx: ViewContext, runId: string, filter: SampleFilter, format: ExportFormat): Promise<Generator<string>> {
  const index = await ensureSampleIndex(ctx, runId);
  const plan = runPlan(ctx, runId);
  const formatter = exportFormatter(format, judgeColumnsOf(runId, plan.definition, ctx.endpoints), ctx.prices);
  const { where, params } = filterSql(runId, filter);
  const statement = ctx.store.db.prepare<(string | number)[], IndexedSample>(`SELECT s.* FROM view_samples s WHERE ${where} AND s.id > ? ORDER BY s.id LIMIT ?`);
  return (function* () {
    if (formatter.header !== undefined) yield formatter.header;
    let after = index.firstId - 1;
    for (;;) {
      if (storedIndex(ctx, runId)?.version !== index.version) throw new Error(`run ${runId} changed during its export: export it again`);
      const page = statement.all(...params, after, PAGE);
      if (page.length === 0) return;
      after = page[page.length - 1]!.id;
      const rows = sampleRows(runId, plan.definition, ctx.store, ctx.endpoints, page.map((s) => ({ unit: plan.units[s.unit_ix]!, sampleIx: s.sample_ix })));
      yield rows.map((row) => formatter.line(row)).join('');
    }
  })();
}
