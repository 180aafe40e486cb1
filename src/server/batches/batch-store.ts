// The batches of the service, on disk.
import { join } from 'node:path';
import { HttpError } from '../errors.js';
import type { Metadata } from '../metadata.js';
import { RecordStore } from '../state/record-store.js';
import { canAdvanceBatch, newBatchRecord, parseBatchRecord, type BatchRecord, type BatchStatus } from './batch-record.js';

export class BatchStore {
  private readonly records: RecordStore<BatchRecord>;

  constructor(
    root: string,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.records = new RecordStore(join(root, 'batches'), parseBatchRecord, log);
  }

  load(): Promise<void> {
    return this.records.load();
  }

  /** The batch, or the 404 for an unknown id. */
  require(id: string): BatchRecord {
    const record = this.records.get(id);
    if (!record) throw new HttpError(404, `No batch found with id '${id}'.`, 'invalid_request_error', 'batch_not_found', 'batch_id');
    return record;
  }

  all(): BatchRecord[] {
    return this.records.values();
  }

  /** Newest first. */
  list(): BatchRecord[] {
    return this.records.newestFirst();
  }

  async create(inputFileId: string, endpoint: string, metadata: Metadata | null): Promise<BatchRecord> {
    const record = newBatchRecord(inputFileId, endpoint, metadata);
    await this.records.insert(record);
    return record;
  }

  /** Moves the batch to `status` and stamps its time field; false (and no change) when that would go backwards. */
  advance(record: BatchRecord, status: BatchStatus, at: number): boolean {
    if (!canAdvanceBatch(record.batch.status, status)) return false;
    record.batch.status = status;
    const stamp = `${status}_at` as const;
    if (stamp !== 'validating_at') record.batch[stamp] = at;
    return true;
  }

  save(record: BatchRecord): Promise<void> {
    return this.records.save(record.id);
  }

  saveLater(record: BatchRecord): void {
    this.records.save(record.id).catch((e: unknown) => this.log(`could not save ${record.id}: ${e instanceof Error ? e.message : String(e)}`));
  }

  flush(): Promise<void> {
    return this.records.flush();
  }
}
