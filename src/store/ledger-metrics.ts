// The ledger's per-step metrics: rows read from a job's result file, and what became of each file.
import type { Db } from './database.js';

/** One step of a job as its provider measured it; absent where the provider wrote no value. */
export interface StepMetric {
  step: number;
  trainLoss?: number;
  /** Token accuracy of the step's training batch. */
  trainAccuracy?: number;
  validLoss?: number;
  /** Token accuracy on the validation file (the paper's grokking curves, Fig 10/36). */
  validTokenAccuracy?: number;
}

export interface ResultFileRecord {
  fileId: string;
  status: 'ingested' | 'invalid';
  /** Steps stored from it. */
  steps: number;
  /** Why it could not be read (status `invalid`). */
  error: string | null;
  readAt: string;
}

interface MetricRow {
  step: number;
  train_loss: number | null;
  train_accuracy: number | null;
  valid_loss: number | null;
  valid_token_accuracy: number | null;
}

export function readStepMetrics(db: Db, jobId: string): StepMetric[] {
  return db
    .prepare<[string], MetricRow>(`SELECT step, train_loss, train_accuracy, valid_loss, valid_token_accuracy FROM ft_step_metrics WHERE job_id = ? ORDER BY step`)
    .all(jobId)
    .map((r) => ({
      step: r.step,
      ...(r.train_loss !== null ? { trainLoss: r.train_loss } : {}),
      ...(r.train_accuracy !== null ? { trainAccuracy: r.train_accuracy } : {}),
      ...(r.valid_loss !== null ? { validLoss: r.valid_loss } : {}),
      ...(r.valid_token_accuracy !== null ? { validTokenAccuracy: r.valid_token_accuracy } : {}),
    }));
}

/** One transaction: the file's rows replace the job's, and the file is marked read. */
export function writeStepMetrics(db: Db, jobId: string, fileId: string, metrics: readonly StepMetric[]): void {
  const insert = db.prepare(`INSERT INTO ft_step_metrics (job_id, step, file_id, train_loss, train_accuracy, valid_loss, valid_token_accuracy) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    db.prepare(`DELETE FROM ft_step_metrics WHERE job_id = ?`).run(jobId);
    for (const m of metrics) insert.run(jobId, m.step, fileId, m.trainLoss ?? null, m.trainAccuracy ?? null, m.validLoss ?? null, m.validTokenAccuracy ?? null);
    db.prepare(`INSERT OR REPLACE INTO ft_result_files (job_id, file_id, status, steps, error, read_at) VALUES (?, ?, 'ingested', ?, NULL, ?)`).run(jobId, fileId, metrics.length, new Date().toISOString());
  })();
}

export function writeResultFileError(db: Db, jobId: string, fileId: string, error: string): void {
  db.prepare(`INSERT OR REPLACE INTO ft_result_files (job_id, file_id, status, steps, error, read_at) VALUES (?, ?, 'invalid', 0, ?, ?)`).run(jobId, fileId, error, new Date().toISOString());
}

export function readResultFiles(db: Db, jobId: string): ResultFileRecord[] {
  return db
    .prepare<[string], ResultFileRecord>(`SELECT file_id AS fileId, status, steps, error, read_at AS readAt FROM ft_result_files WHERE job_id = ? ORDER BY read_at`)
    .all(jobId);
}
