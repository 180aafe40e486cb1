// Everything about one sample: the messages sent, the answer, each judge's raw output and parsed
// value (a rating judge's top-token distribution), the model and the job that made it, tokens,
// cost, latency and the cache key.
import { callCost, storedSample } from '../eval/index.js';
import type { TokenLogprob } from '../providers/index.js';
import type { SampleDetail } from './api-types.js';
import type { ViewContext } from './context.js';
import { notFound } from './errors.js';
import { runPlan } from './run-plan.js';
import { ensureSampleIndex } from './sample-index.js';
import type { IndexedSample } from './samples.js';

function distributionOf(logprobs: readonly TokenLogprob[] | undefined): { token: string; probability: number }[] {
  const first = logprobs?.[0];
  if (first === undefined) return [];
  return first.top.map((t) => ({ token: t.token, probability: Math.exp(t.logprob) })).sort((a, b) => b.probability - a.probability);
}

/** Sample `ordinal` of run `runId`; a 404 when the run has no such sample. */
export async function sampleDetail(ctx: ViewContext, runId: string, ordinal: number): Promise<SampleDetail> {
  await ensureSampleIndex(ctx, runId);
  const indexed = ctx.store.db.prepare<[string, number], IndexedSample>(`SELECT * FROM view_samples WHERE run_id = ? AND ordinal = ?`).get(runId, ordinal);
  if (indexed === undefined) throw notFound(`run "${runId}" has no sample ${ordinal}`);
  const plan = runPlan(ctx, runId);
  const unit = plan.units[indexed.unit_ix];
  if (unit === undefined) throw notFound(`run "${runId}" has no sample ${ordinal}`);
  const sample = storedSample(runId, plan.definition, ctx.store, ctx.endpoints, unit, indexed.sample_ix);
  const { ref } = ctx.endpoints.resolve(unit.model);
  const job = ctx.store.ledger.jobOfModel(ref.endpoint, ref.model);
  const { row } = sample;
  return {
    ordinal,
    group: row.group,
    model: row.model,
    question: indexed.base_question,
    condition: indexed.condition,
    paraphrase: row.paraphraseIx,
    sampleIx: row.sampleIx,
    key: sample.key,
    status: indexed.status,
    messages: row.messages,
    answer: row.answer,
    error: row.error ?? null,
    job: job ? { jobId: job.jobId, seed: job.seed, variant: job.variant, baseModel: job.baseModel, group: job.group } : null,
    promptTokens: row.usage?.promptTokens ?? null,
    completionTokens: row.usage?.completionTokens ?? null,
    costUsd: callCost(row.usage, ctx.prices),
    latencyMs: row.latencyMs,
    attempts: sample.call?.attempts ?? null,
    judges: Object.entries(row.judges).map(([column, cell]) => {
      const calls = sample.judges.find((j) => j.column === column)?.calls ?? [];
      return {
        column,
        status: cell.status,
        value: cell.value,
        raw: cell.raw,
        method: cell.method ?? null,
        distribution: distributionOf(calls[0]?.call?.choices?.[0]?.logprobs),
        calls: calls.map((c) => ({ key: c.key, text: c.call?.choices?.[0]?.text ?? null, error: c.call?.error ?? null, latencyMs: c.call?.latencyMs ?? null })),
      };
    }),
  };
}
