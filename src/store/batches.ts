// Batches of a batch evaluation: recorded before creation (intent), then with the provider's id,
// so that a rerun polls the batch it already has instead of creating another.
import type { BatchStatus } from '../providers/remote-api.js';
import type { Db } from './database.js';

export interface BatchRecord {
  launchKey: string;
  batchId: string | null;
  endpoint: string;
  stage: string;
  requests: number;
  inputFileId: string | null;
  status: BatchStatus | 'creating';
  outputFileId: string | null;
  errorFileId: string | null;
  ingested: boolean;
}

interface Row {
  launch_key: string;
  batch_id: string | null;
  endpoint: string;
  stage: string;
  requests: number;
  input_file_id: string | null;
  status: BatchRecord['status'];
  output_file_id: string | null;
  error_file_id: string | null;
  ingested: number;
}

const fromRow = (r: Row): BatchRecord => ({
  launchKey: r.launch_key,
  batchId: r.batch_id,
  endpoint: r.endpoint,
  stage: r.stage,
  requests: r.requests,
  inputFileId: r.input_file_id,
  status: r.status,
  outputFileId: r.output_file_id,
  errorFileId: r.error_file_id,
  ingested: r.ingested === 1,
});

export class Batches {
  constructor(private readonly db: Db) {}

  /** Batches of an endpoint and stage whose results are not in the cache yet. */
  open(endpoint: string, stage: string): BatchRecord[] {
    return this.db.prepare<[string, string], Row>(`SELECT * FROM batches WHERE endpoint = ? AND stage = ? AND ingested = 0 ORDER BY created_at`).all(endpoint, stage).map(fromRow);
  }

  all(): BatchRecord[] {
    return this.db.prepare<[], Row>(`SELECT * FROM batches ORDER BY created_at`).all().map(fromRow);
  }

  recordIntent(launchKey: string, endpoint: string, stage: string, requests: number): void {
    const now = new Date().toISOString();
    this.db
      .prepare(`INSERT OR IGNORE INTO batches (launch_key, endpoint, stage, requests, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'creating', ?, ?)`)
      .run(launchKey, endpoint, stage, requests, now, now);
  }

  update(launchKey: string, fields: { batchId?: string; inputFileId?: string; status?: BatchRecord['status']; outputFileId?: string | null; errorFileId?: string | null; ingested?: boolean }): void {
    this.db
      .prepare(
        `UPDATE batches SET batch_id = COALESCE(?, batch_id), input_file_id = COALESCE(?, input_file_id), status = COALESCE(?, status),
           output_file_id = COALESCE(?, output_file_id), error_file_id = COALESCE(?, error_file_id), ingested = COALESCE(?, ingested), updated_at = ? WHERE launch_key = ?`,
      )
      .run(fields.batchId ?? null, fields.inputFileId ?? null, fields.status ?? null, fields.outputFileId ?? null, fields.errorFileId ?? null, fields.ingested === undefined ? null : Number(fields.ingested), new Date().toISOString(), launchKey);
  }

  forget(launchKey: string): void {
    this.db.prepare(`DELETE FROM batches WHERE launch_key = ?`).run(launchKey);
  }
}
