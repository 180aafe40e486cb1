// A stage through the Batch API: the run's batches already open are finished and ingested first,
// then the calls still missing go out in new batches; answers land in the same cache as direct
// calls. Whatever a batch could not answer is left missing, for the direct path to retry.
// Endpoints without a Batch API are left to the direct path.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { PriceTable } from '../../data/index.js';
import { parseChatCompletion, TERMINAL_BATCH_STATUSES, type RemoteApi, type RemoteBatch, withRetries } from '../../providers/index.js';
import type { BatchRecord, Batches, CallCache } from '../../store/index.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { crashPoint } from '../../util/crash-point.js';
import { withWorkspaceLock } from '../../util/workspace-lock.js';
import { WeirdgenError } from '../../util/errors.js';
import { sha256Hex } from '../../util/hash.js';
import { inferenceCost } from '../cost.js';
import type { PlannedCall } from '../plan.js';
import { splitBatches } from './batch-file.js';

/** Metadata key that carries a batch's launch key to the provider (and back, after a crash). */
export const BATCH_KEY_METADATA = 'weirdgen_batch';
/** The Batch API costs half the direct price on OpenAI. */
const BATCH_DISCOUNT = 0.5;

export interface BatchStageOptions {
  runId: string;
  stage: string;
  cache: CallCache;
  batches: Batches;
  /** undefined for endpoints without a Batch API. */
  remoteFor: (endpoint: string) => RemoteApi | undefined;
  prices: PriceTable;
  pollMs: number;
  signal?: AbortSignal;
  onStatus?: (line: string) => void;
}

export interface BatchStageResult {
  created: number;
  resumed: number;
  answered: number;
  failedLines: number;
  /** Failure reason -> lines, from output and error files. */
  failures: Record<string, number>;
  costUsd: number;
}

const outputLineSchema = z.looseObject({
  custom_id: z.string(),
  response: z.looseObject({ status_code: z.number(), body: z.unknown() }).nullable().optional(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullable().optional(),
});

function parseLines(text: string, file: string): z.infer<typeof outputLineSchema>[] {
  return text.split('\n').flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new WeirdgenError(`${file}:${i + 1}: [invalid-json] a batch output line is not JSON`);
    }
    const line = outputLineSchema.safeParse(value);
    if (!line.success) throw new WeirdgenError(`${file}:${i + 1}: [batch-output-line] ${z.prettifyError(line.error)}`);
    return [line.data];
  });
}

function failureReason(line: z.infer<typeof outputLineSchema>): string {
  if (line.error?.message) return `${line.error.code ?? 'error'}: ${line.error.message}`;
  const body = line.response?.body as { error?: { message?: string } } | undefined;
  return `${line.response?.status_code ?? 'no response'}: ${body?.error?.message ?? 'failed'}`;
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

/** Stores every successful line not answered yet; counts the failed lines of both files. */
async function ingest(batch: RemoteBatch, remote: RemoteApi, byKey: ReadonlyMap<string, PlannedCall>, options: BatchStageOptions, result: BatchStageResult): Promise<number> {
  let answered = 0;
  const seen = new Set<string>();
  const fail = (reason: string) => {
    result.failedLines++;
    result.failures[reason] = (result.failures[reason] ?? 0) + 1;
  };
  for (const [fileId, kind] of [[batch.outputFileId, 'output'], [batch.errorFileId, 'error']] as const) {
    if (!fileId) continue;
    const text = await withRetries(() => remote.fileContent(fileId));
    for (const line of parseLines(text, `batch ${batch.id} ${kind} file ${fileId}`)) {
      const call = byKey.get(line.custom_id);
      if (!call || seen.has(line.custom_id)) continue;
      seen.add(line.custom_id);
      if (line.response?.status_code !== 200 || !line.response.body) {
        fail(failureReason(line));
        continue;
      }
      // An answer that arrived meanwhile by the direct path stays as it is.
      if (options.cache.get(call.key)?.status === 'ok') continue;
      const response = parseChatCompletion(line.response.body as ChatCompletion, call.material.endpoint);
      // A batch's output file says nothing of how long one request took: no latency.
      options.cache.putAnswer({ key: call.key, endpoint: call.material.endpoint, model: call.material.model, material: call.material }, response.choices, response.usage, 1, null);
      result.costUsd += (inferenceCost(call.material.endpoint, call.material.model, response.usage, options.prices) ?? 0) * BATCH_DISCOUNT;
      answered++;
    }
  }
  return answered;
}

async function create(record: BatchRecord, remote: RemoteApi, inputFileId: string, options: BatchStageOptions): Promise<string> {
  // Not retried: a create that timed out may have created the batch; the next run finds it by its key.
  const batch = await remote.createBatch(inputFileId, { [BATCH_KEY_METADATA]: record.launchKey, stage: options.stage });
  crashPoint('after-batch-create');
  options.batches.update(record.launchKey, { batchId: batch.id, status: batch.status });
  return batch.id;
}

async function settle(record: BatchRecord, remote: RemoteApi, byKey: ReadonlyMap<string, PlannedCall>, options: BatchStageOptions, result: BatchStageResult): Promise<void> {
  let batchId = record.batchId;
  if (!batchId) {
    // Created by a run that stopped before recording it, or not created yet.
    const found = (await withRetries(() => remote.listBatches({ [BATCH_KEY_METADATA]: record.launchKey })))[0];
    if (found) {
      batchId = found.id;
      options.batches.update(record.launchKey, { batchId, status: found.status });
    } else if (record.inputFileId) batchId = await create(record, remote, record.inputFileId, options);
    else return options.batches.forget(record.launchKey);
  }
  const batch = await waitForBatch(remote, batchId, options);
  if (!batch) return;
  const answered = await ingest(batch, remote, byKey, options, result);
  result.answered += answered;
  options.batches.update(record.launchKey, { status: batch.status, outputFileId: batch.outputFileId, errorFileId: batch.errorFileId, ingested: true });
  options.onStatus?.(`batch ${batchId}: ${batch.status}, ${answered} answers stored`);
}

/** Under the workspace lock: the run's open batches, and new ones for calls neither answered nor in flight. */
async function openAndCreate(endpoint: string, calls: readonly PlannedCall[], remote: RemoteApi, options: BatchStageOptions, result: BatchStageResult): Promise<BatchRecord[]> {
  const open = options.batches.open(options.runId, endpoint, options.stage);
  result.resumed += open.length;
  const inFlight = new Set(open.flatMap((r) => options.batches.keys(r.launchKey)));
  const answered = options.cache.answeredKeys(calls.map((c) => c.key));
  const created: BatchRecord[] = [];
  for (const part of splitBatches(calls.filter((c) => !answered.has(c.key) && !inFlight.has(c.key)))) {
    // A later attempt at the same calls (after a failed or expired batch) gets a key of its own.
    const launchKey = options.batches.nextLaunchKey(sha256Hex(canonicalJson({ endpoint, stage: options.stage, keys: part.calls.map((c) => c.key) })));
    const keys = part.calls.map((c) => c.key);
    options.batches.recordIntent(launchKey, options.runId, endpoint, options.stage, keys);
    const file = await withRetries(() => remote.uploadFile(`weirdgen-${options.stage}-${launchKey.slice(0, 12)}.jsonl`, Buffer.from(part.content), 'batch'));
    options.batches.update(launchKey, { inputFileId: file.id });
    const record: BatchRecord = { launchKey, runId: options.runId, batchId: null, endpoint, stage: options.stage, requests: keys.length, inputFileId: file.id, status: 'creating', outputFileId: null, errorFileId: null, ingested: false };
    record.batchId = await create(record, remote, file.id, options);
    options.onStatus?.(`batch ${record.batchId}: created with ${keys.length} requests`);
    result.created++;
    created.push(record);
  }
  return [...open, ...created];
}

export async function executeBatchStage(calls: readonly PlannedCall[], options: BatchStageOptions & { workspace: string }): Promise<BatchStageResult> {
  const result: BatchStageResult = { created: 0, resumed: 0, answered: 0, failedLines: 0, failures: {}, costUsd: 0 };
  const byKey = new Map(calls.map((c) => [c.key, c]));
  for (const endpoint of new Set(calls.map((c) => c.material.endpoint))) {
    const remote = options.remoteFor(endpoint);
    if (!remote) continue;
    const own = calls.filter((c) => c.material.endpoint === endpoint);
    const records = await withWorkspaceLock(options.workspace, 'batches', () => openAndCreate(endpoint, own, remote, options, result));
    for (const record of records) {
      await settle(record, remote, byKey, options, result);
      if (options.signal?.aborted) return result;
    }
  }
  return result;
}
