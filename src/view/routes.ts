// The viewer's JSON API: each route reads its path and query (zod) and answers with one query of
// the index or the analysis. Every route is a GET; exports stream.
import { z } from 'zod';
import { auditDetail, auditList } from './audits.js';
import { compare, compareQuerySchema } from './compare.js';
import type { ViewContext } from './context.js';
import { notFound } from './errors.js';
import { exportSamples } from './export.js';
import { parseQuery, segment } from './query.js';
import { runChoices, runOverview } from './run-overview.js';
import { listRuns } from './runs.js';
import { sampleDetail } from './sample-detail.js';
import { pageSchema, sampleFilterSchema } from './sample-filter.js';
import { sampleCount, samplePage } from './samples.js';
import { pairChoices, pairQuerySchema, triggerPair } from './trigger-pairs.js';

/** What a route answers: JSON, or lines streamed as a download. */
export type RouteAnswer = { json: unknown } | { stream: Iterable<string>; type: string; filename: string };

const overviewSchema = z.strictObject({ by: z.enum(['group', 'question', 'paraphrase']).default('group') });
const ordinalSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const auditsSchema = z.strictObject({ run: z.string().min(1).max(500).optional() });
const exportSchema = z.object({ format: z.enum(['csv', 'jsonl']).default('csv') });

/** The filter's parameters and the page's, each checked by its own schema. */
function split(params: URLSearchParams, pageKeys: readonly string[]): [URLSearchParams, URLSearchParams] {
  const filter = new URLSearchParams();
  const page = new URLSearchParams();
  for (const [key, value] of params) (pageKeys.includes(key) ? page : filter).append(key, value);
  return [filter, page];
}

export async function route(ctx: ViewContext, path: string, params: URLSearchParams): Promise<RouteAnswer> {
  const parts = path.split('/').filter((p) => p !== '').slice(1).map(segment);
  const [head, runId, sub, leaf] = parts;
  if (head === 'runs' && runId === undefined) {
    parseQuery(z.strictObject({}), params);
    return { json: listRuns(ctx) };
  }
  if (head === 'audits' && parts.length <= 2) {
    if (runId !== undefined) return { json: await auditDetail(ctx, runId) };
    return { json: await auditList(ctx, parseQuery(auditsSchema, params).run) };
  }
  if (head === 'compare' && runId === undefined) return { json: compare(ctx, parseQuery(compareQuerySchema, params)) };
  if (head !== 'runs' || runId === undefined || parts.length > 4) throw notFound(`no API route ${path}`);
  if (sub === undefined) return { json: await runOverview(ctx, runId, parseQuery(overviewSchema, params).by) };
  if (sub === 'samples' && leaf === undefined) {
    const [filter, page] = split(params, ['after', 'limit']);
    return { json: await samplePage(ctx, runId, parseQuery(sampleFilterSchema, filter), parseQuery(pageSchema, page)) };
  }
  if (sub === 'choices' && leaf === undefined) {
    parseQuery(z.strictObject({}), params);
    return { json: await runChoices(ctx, runId) };
  }
  if (sub === 'count' && leaf === undefined) return { json: { count: await sampleCount(ctx, runId, parseQuery(sampleFilterSchema, params)) } };
  if (sub === 'samples' && leaf !== undefined) {
    const ordinal = ordinalSchema.safeParse(leaf);
    if (!ordinal.success) throw notFound(`no sample "${leaf}": samples are numbered from 0`);
    return { json: await sampleDetail(ctx, runId, ordinal.data) };
  }
  if (sub === 'pairs' && leaf === undefined) {
    if (params.has('model') || params.has('question')) return { json: await triggerPair(ctx, runId, parseQuery(pairQuerySchema, params)) };
    parseQuery(z.strictObject({}), params);
    return { json: await pairChoices(ctx, runId) };
  }
  if (sub === 'export' && leaf === undefined) {
    const [filter, options] = split(params, ['format']);
    const { format } = parseQuery(exportSchema, options);
    const lines = await exportSamples(ctx, runId, parseQuery(sampleFilterSchema, filter), format);
    return { stream: lines, type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8', filename: `${runId.replace(/[^A-Za-z0-9._-]/g, '_')}-samples.${format}` };
  }
  throw notFound(`no API route ${path}`);
}
