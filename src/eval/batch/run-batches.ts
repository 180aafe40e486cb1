// A stage through the Batch API: batches already open are finished and ingested first, then the
// calls still missing go out in new batches; answers land in the same cache as direct calls.
// Whatever a batch could not answer is left missing, for the direct path to retry.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { parseChatCompletion } from '../../providers/chat-body.js';
import { TERMINAL_BATCH_STATUSES, type RemoteApi, type RemoteBatch } from '../../providers/remote-api.js';
import type { BatchRecord, Batches } from '../../store/batches.js';
import type { CallCache } from '../../store/call-cache.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { crashPoint } from '../../util/crash-point.js';
import { sha256Hex } from '../../util/hash.js';
import { withRetries } from '../calls/retry-policy.js';
import type { PlannedCall } from '../plan.js';
import { splitBatches } from './batch-file.js';

/** Metadata key that carries a batch's launch key to the provider (and back, after a crash). */
export const BATCH_KEY_METADATA = 'weirdgen_batch';

export interface BatchStageOptions {
  stage: string;
  cache: CallCache;
  batches: Batches;
  remoteFor: (endpoint: string) => RemoteApi;
  pollMs: number;
  signal?: AbortSignal;
  onStatus?: (line: string) => void;
}

export interface BatchStageResult {
  created: number;
  resumed: number;
  answered: number;
  failedLines: number;
}

interface OutputLine {
  custom_id?: string;
  response?: { status_code?: number; body?: unknown } | null;
}

async function waitForBatch(remote: RemoteApi, id: string, options: BatchStageOptions): Promise<RemoteBatch | undefined> {
  for (;;) {
    const batch = await withRetries(() => remote.retrieveBatch(id));
    if (TERMINAL_BATCH_STATUSES.has(batch.status)) return batch;
    options.onStatus?.(`batch ${id}: ${batch.status} (${batch.requestCounts.completed}/${batch.requestCounts.total})`);
    try {
      await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      return undefined;
    }
  }
}

/** Writes every successful line of the output file to the cache; returns [answered, failed]. */
async function ingest(batch: RemoteBatch, remote: RemoteApi, byKey: ReadonlyMap<string, PlannedCall>, cache: CallCache): Promise<[number, number]> {
  let answered = 0;
  let failed = batch.requestCounts.failed;
  if (!batch.outputFileId) return [0, failed];
  const outputFileId = batch.outputFileId;
  const text = await withRetries(() => remote.fileContent(outputFileId));
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const line = JSON.parse(raw) as OutputLine;
    const call = line.custom_id ? byKey.get(line.custom_id) : undefined;
    if (!call) continue;
    if (line.response?.status_code !== 200 || !line.response.body) {
      failed++;
      continue;
    }
    const response = parseChatCompletion(line.response.body as ChatCompletion, call.material.endpoint);
    cache.putAnswer({ key: call.key, endpoint: call.material.endpoint, model: call.material.model, material: call.material }, response.choices, response.usage, 1);
    answered++;
  }
  return [answered, failed];
}

async function settle(record: BatchRecord, remote: RemoteApi, byKey: ReadonlyMap<string, PlannedCall>, options: BatchStageOptions, result: BatchStageResult): Promise<void> {
  let batchId = record.batchId;
  if (!batchId) {
    // Created by a run that stopped before recording it, or never created.
    const found = await withRetries(() => remote.listBatches({ [BATCH_KEY_METADATA]: record.launchKey }));
    if (found.length === 0) return options.batches.forget(record.launchKey);
    batchId = found[0]!.id;
    options.batches.update(record.launchKey, { batchId, status: found[0]!.status });
  }
  const batch = await waitForBatch(remote, batchId, options);
  if (!batch) return;
  const [answered, failed] = await ingest(batch, remote, byKey, options.cache);
  result.answered += answered;
  result.failedLines += failed;
  options.batches.update(record.launchKey, { status: batch.status, outputFileId: batch.outputFileId, errorFileId: batch.errorFileId, ingested: true });
  options.onStatus?.(`batch ${batchId}: ${batch.status}, ${answered} answers stored, ${failed} failed`);
}

export async function executeBatchStage(calls: readonly PlannedCall[], options: BatchStageOptions): Promise<BatchStageResult> {
  const result: BatchStageResult = { created: 0, resumed: 0, answered: 0, failedLines: 0 };
  const byKey = new Map(calls.map((c) => [c.key, c]));
  for (const endpoint of new Set(calls.map((c) => c.material.endpoint))) {
    const remote = options.remoteFor(endpoint);
    for (const record of options.batches.open(endpoint, options.stage)) {
      result.resumed++;
      await settle(record, remote, byKey, options, result);
      if (options.signal?.aborted) return result;
    }
    const own = calls.filter((c) => c.material.endpoint === endpoint);
    const answered = options.cache.answered(own.map((c) => c.key));
    const records: BatchRecord[] = [];
    for (const part of splitBatches(own.filter((c) => !answered.has(c.key)))) {
      const launchKey = sha256Hex(canonicalJson({ endpoint, stage: options.stage, keys: part.calls.map((c) => c.key) }));
      options.batches.recordIntent(launchKey, endpoint, options.stage, part.calls.length);
      const file = await withRetries(() => remote.uploadFile(`weirdgen-${options.stage}-${launchKey.slice(0, 12)}.jsonl`, Buffer.from(part.content), 'batch'));
      // Not retried: a create that timed out may have created the batch; the next run finds it by its key.
      const batch = await remote.createBatch(file.id, { [BATCH_KEY_METADATA]: launchKey, stage: options.stage });
      crashPoint('after-batch-create');
      options.batches.update(launchKey, { batchId: batch.id, inputFileId: file.id, status: batch.status });
      options.onStatus?.(`batch ${batch.id}: created with ${part.calls.length} requests`);
      result.created++;
      records.push({ launchKey, batchId: batch.id, endpoint, stage: options.stage, requests: part.calls.length, inputFileId: file.id, status: batch.status, outputFileId: null, errorFileId: null, ingested: false });
    }
    for (const record of records) {
      await settle(record, remote, byKey, options, result);
      if (options.signal?.aborted) return result;
    }
  }
  return result;
}
