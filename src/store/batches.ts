// Batches of a batch evaluation: recorded before creation (intent), then with the provider's id,
// so that a rerun polls the batch it already has instead of creating another.
import type { BatchStatus } from '../providers/index.js';
import type { Db } from './database.js';

export interface BatchRecord {
  launchKey: string;
  runId: string;
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
  run_id: string;
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
  runId: r.run_id,
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

  /** Batches of a run's stage on an endpoint whose results are not in the cache yet. */
  open(runId: string, endpoint: string, stage: string): BatchRecord[] {
    return this.db.prepare<[string, string, string], Row>(`SELECT * FROM batches WHERE run_id = ? AND endpoint = ? AND stage = ? AND ingested = 0 ORDER BY created_at`).all(runId, endpoint, stage).map(fromRow);
  }

  /** Launch keys taken so far by batches of the same calls (`key`, `key#1`, ...): a new attempt gets the next. */
  nextLaunchKey(base: string): string {
    const taken = (this.db.prepare(`SELECT COUNT(*) AS n FROM batches WHERE launch_key = ? OR launch_key LIKE ? || '#%'`).get(base, base) as { n: number }).n;
    return taken === 0 ? base : `${base}#${taken}`;
  }

  all(): BatchRecord[] {
    return this.db.prepare<[], Row>(`SELECT * FROM batches ORDER BY created_at`).all().map(fromRow);
  }

  /** The call keys a batch carries (so that calls in flight are not batched twice). */
  recordIntent(launchKey: string, runId: string, endpoint: string, stage: string, keys: readonly string[]): void {
    const now = new Date().toISOString();
    this.db
      .prepare(`INSERT INTO batches (launch_key, run_id, endpoint, stage, requests, keys, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'creating', ?, ?)`)
      .run(launchKey, runId, endpoint, stage, keys.length, JSON.stringify(keys), now, now);
  }

  keys(launchKey: string): string[] {
    return JSON.parse((this.db.prepare(`SELECT keys FROM batches WHERE launch_key = ?`).get(launchKey) as { keys: string } | undefined)?.keys ?? '[]') as string[];
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
