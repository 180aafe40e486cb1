// A stored experiment run's conditions and question categories, read from its experiment's files
// with the viewer's fetch options once per run (a page view does not read them again).
import type { FetchOptions } from '../data/index.js';
import type { EvalDefinition } from '../eval/index.js';
import { storedQuestionInfo, type StoredQuestionInfo } from '../run/index.js';
import type { ViewContext } from './context.js';

const read = new WeakMap<ViewContext, Map<string, { createdAt: string; info: Promise<StoredQuestionInfo> }>>();

/**
 * What run `runId`'s figures are drawn with, as `weirdgen report` recovers it; undefined when the
 * viewer was given no fetch options (its figures then name conditions by id and number the questions).
 */
export function runQuestionInfo(ctx: ViewContext, runId: string, definition: EvalDefinition): Promise<StoredQuestionInfo> | undefined {
  const fetch: FetchOptions | undefined = ctx.fetch;
  if (fetch === undefined) return undefined;
  const createdAt = ctx.store.runs.get(runId)?.createdAt ?? '';
  let own = read.get(ctx);
  if (own === undefined) read.set(ctx, (own = new Map()));
  const kept = own.get(runId);
  // A run's definition is fixed when it is created; a run made again under the same id is read again.
  if (kept !== undefined && kept.createdAt === createdAt) return kept.info;
  const info = storedQuestionInfo(definition, fetch);
  const entry = { createdAt, info };
  own.set(runId, entry);
  // A read that failed outright is tried again on the next page view.
  info.catch(() => {
    if (own.get(runId) === entry) own.delete(runId);
  });
  return info;
}
