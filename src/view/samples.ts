// A page of a run's samples from the index: keyset paging by ordinal (a deep page costs what the
// first does), then the prompts, answers and verdicts of only the rows shown.
import type { SamplePage, SampleStatus, SampleSummary, Verdict } from './api-types.js';
import type { ViewContext } from './context.js';
import { runPlan } from './run-plan.js';
import { filterSql, type SampleFilter } from './sample-filter.js';
import { ensureSampleIndex } from './sample-index.js';

export interface IndexedSample {
  id: number;
  ordinal: number;
  unit_ix: number;
  grp: string;
  model: string;
  question: string;
  base_question: string;
  condition: string | null;
  paraphrase: number;
  sample_ix: number;
  request_key: string;
  status: SampleStatus;
}

/** The stored answers of `keys` (one query). */
export function answersOf(ctx: ViewContext, keys: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, stored] of ctx.store.requests.lookup(keys)) if (stored.status === 'ok') found.set(key, stored.choices?.[0]?.text ?? '');
  return found;
}

/** The verdicts of the samples `ids` (one query). */
export function verdictsOf(ctx: ViewContext, ids: readonly number[]): Map<number, Record<string, Verdict>> {
  const found = new Map<number, Record<string, Verdict>>();
  if (ids.length === 0) return found;
  const rows = ctx.store.db
    .prepare<number[], { sample_id: number; col: string; status: string; label: string | null; value: number | null }>(`SELECT sample_id, col, status, label, value FROM view_judges WHERE sample_id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids);
  for (const r of rows) {
    let own = found.get(r.sample_id);
    if (own === undefined) found.set(r.sample_id, (own = {}));
    own[r.col] = { status: r.status, label: r.label, value: r.value };
  }
  return found;
}

/** Samples as a page shows them, text read by key. */
export function summarize(ctx: ViewContext, runId: string, rows: readonly IndexedSample[]): SampleSummary[] {
  const plan = runPlan(ctx, runId);
  const answers = answersOf(ctx, rows.map((r) => r.request_key));
  const verdicts = verdictsOf(ctx, rows.map((r) => r.id));
  return rows.map((r) => ({
    ordinal: r.ordinal,
    group: r.grp,
    model: r.model,
    question: r.question,
    baseQuestion: r.base_question,
    condition: r.condition,
    paraphrase: r.paraphrase,
    sampleIx: r.sample_ix,
    status: r.status,
    prompt: plan.units[r.unit_ix]?.prompt ?? '',
    answer: answers.get(r.request_key) ?? null,
    judges: verdicts.get(r.id) ?? {},
  }));
}

/** The samples of run `runId` that pass `filter`, in ordinal order, after ordinal `after`, at most `limit`. */
export async function samplePage(ctx: ViewContext, runId: string, filter: SampleFilter, page: { after?: number | undefined; limit: number }): Promise<SamplePage> {
  await ensureSampleIndex(ctx, runId);
  const { where, params } = filterSql(runId, filter);
  // A search pages by id, so that the full-text index delivers its matches in order; other filters
  // by ordinal along their (run, column, ordinal) index. Ids rise with the ordinal within a run but
  // need not be contiguous (two runs indexed at once interleave), so the cursor's id is looked up.
  const [column, after] = filter.q !== undefined ? ['s.id', idAtOrBefore(ctx, runId, page.after)] : ['s.ordinal', page.after ?? -1];
  const rows = ctx.store.db.prepare<(string | number)[], IndexedSample>(`SELECT s.* FROM view_samples s WHERE ${where} AND ${column} > ? ORDER BY ${column} LIMIT ?`).all(...params, after, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  return { samples: summarize(ctx, runId, shown), next: rows.length > page.limit ? shown[shown.length - 1]!.ordinal : null };
}

/** The id of the run's sample at ordinal `after` (or the last one before it); 0 before the first. */
function idAtOrBefore(ctx: ViewContext, runId: string, after: number | undefined): number {
  if (after === undefined) return 0;
  return ctx.store.db.prepare<[string, number], { id: number }>(`SELECT id FROM view_samples WHERE run_id = ? AND ordinal <= ? ORDER BY ordinal DESC LIMIT 1`).get(runId, after)?.id ?? 0;
}

/** How many samples pass `filter` (counted in the index). */
export async function sampleCount(ctx: ViewContext, runId: string, filter: SampleFilter): Promise<number> {
  await ensureSampleIndex(ctx, runId);
  const { where, params } = filterSql(runId, filter);
  return ctx.store.db.prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) AS n FROM view_samples s WHERE ${where}`).get(...params)!.n;
}
