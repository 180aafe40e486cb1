// A batch as the service keeps it: OpenAI's batch object, with unset fields null as the API sends them.
import type { BatchError, BatchRequestCounts, BatchUsage } from 'openai/resources/batches';
import { z } from 'zod';
import type { Metadata } from '../metadata.js';
import { newId, unixSeconds } from '../state/ids.js';

export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

export interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  model: string | null;
  errors: { object: 'list'; data: BatchError[] } | null;
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: BatchRequestCounts;
  usage: BatchUsage | null;
  metadata: Metadata | null;
}

export interface BatchRecord {
  id: string;
  batch: BatchObject;
}

export const FINAL_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set<BatchStatus>(['failed', 'completed', 'expired', 'cancelled']);
const PROGRESS: readonly BatchStatus[] = ['validating', 'in_progress', 'finalizing', 'cancelling'];
const COMPLETION_WINDOW_S = 24 * 3600;

export function newBatchRecord(inputFileId: string, endpoint: string, metadata: Metadata | null): BatchRecord {
  const id = newId.batch();
  const created = unixSeconds();
  const batch: BatchObject = {
    id,
    object: 'batch',
    endpoint,
    model: null,
    errors: null,
    input_file_id: inputFileId,
    completion_window: '24h',
    status: 'validating',
    output_file_id: null,
    error_file_id: null,
    created_at: created,
    in_progress_at: null,
    expires_at: created + COMPLETION_WINDOW_S,
    finalizing_at: null,
    completed_at: null,
    failed_at: null,
    expired_at: null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: { total: 0, completed: 0, failed: 0 },
    usage: null,
    metadata,
  };
  return { id, batch };
}

/** Batches move forward only, and never leave a final status; `cancelling` may follow any live one. */
export function canAdvanceBatch(from: BatchStatus, to: BatchStatus): boolean {
  if (FINAL_BATCH_STATUSES.has(from)) return false;
  if (from === 'cancelling') return to === 'cancelled';
  if (FINAL_BATCH_STATUSES.has(to)) return to !== 'cancelled';
  return PROGRESS.indexOf(to) > PROGRESS.indexOf(from);
}

const recordSchema = z.looseObject({ id: z.string(), batch: z.looseObject({ id: z.string(), status: z.string(), input_file_id: z.string() }) });

/** A record read back from the service's own files: checked for shape, trusted for detail. */
export function parseBatchRecord(raw: unknown): BatchRecord {
  return recordSchema.parse(raw) as unknown as BatchRecord;
}
