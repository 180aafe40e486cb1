// Trigger pairs: one model's answers to one prompt across its trigger conditions (with and without
// the trigger, or across years and codes), side by side, for one sample index at a time.
import { z } from 'zod';
import type { PairChoices, TriggerPair } from './api-types.js';
import type { ViewContext } from './context.js';
import { notFound } from './errors.js';
import { ensureSampleIndex } from './sample-index.js';
import { summarize, type IndexedSample } from './samples.js';

export const pairQuerySchema = z.strictObject({
  model: z.string().min(1).max(500),
  question: z.string().min(1).max(500),
  group: z.string().min(1).max(500).optional(),
  paraphrase: z.coerce.number().int().min(0).default(0),
  sample: z.coerce.number().int().min(0).default(0),
});

export type PairQuery = z.infer<typeof pairQuerySchema>;

/** What the pair view of run `runId` offers. */
export async function pairChoices(ctx: ViewContext, runId: string): Promise<PairChoices> {
  await ensureSampleIndex(ctx, runId);
  const questions = ctx.store.db
    .prepare<[string], { q: string }>(`SELECT base_question AS q FROM view_samples WHERE run_id = ? GROUP BY base_question HAVING COUNT(DISTINCT COALESCE(condition, '')) > 1 ORDER BY base_question`)
    .all(runId)
    .map((r) => r.q);
  const models = ctx.store.db.prepare<[string], { m: string }>(`SELECT DISTINCT model AS m FROM view_samples WHERE run_id = ? ORDER BY model`).all(runId).map((r) => r.m);
  return { questions, models };
}

export async function triggerPair(ctx: ViewContext, runId: string, query: PairQuery): Promise<TriggerPair> {
  await ensureSampleIndex(ctx, runId);
  const { db } = ctx.store;
  const group =
    query.group ??
    db.prepare<[string, string, string], { grp: string }>(`SELECT grp FROM view_samples WHERE run_id = ? AND model = ? AND base_question = ? ORDER BY ordinal LIMIT 1`).get(runId, query.model, query.question)?.grp;
  if (group === undefined) throw notFound(`run "${runId}" did not ask model "${query.model}" question "${query.question}"`);
  const where = `run_id = ? AND grp = ? AND model = ? AND base_question = ? AND paraphrase = ?`;
  const params = [runId, group, query.model, query.question, query.paraphrase] as const;
  const samples = db.prepare<(string | number)[], { n: number | null }>(`SELECT MAX(sample_ix) + 1 AS n FROM view_samples WHERE ${where}`).get(...params)?.n ?? 0;
  const rows = db.prepare<(string | number)[], IndexedSample>(`SELECT * FROM view_samples WHERE ${where} AND sample_ix = ? ORDER BY condition IS NOT NULL, condition`).all(...params, query.sample);
  return { model: query.model, group, question: query.question, paraphrase: query.paraphrase, sampleIx: query.sample, samples, cells: summarize(ctx, runId, rows) };
}
