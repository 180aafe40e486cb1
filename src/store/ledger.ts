// The fine-tuning ledger: uploaded files, jobs with their history, events, checkpoints, per-step
// metrics and models.
import type { TrainingMethod } from '../config/index.js';
import type { Hyperparameters, JobStatus, RemoteCheckpoint, RemoteEvent, RemoteJob } from '../providers/index.js';
import type { Db } from './database.js';
import { readResultFiles, readStepMetrics, writeResultFileError, writeStepMetrics, type ResultFileRecord, type StepMetric } from './ledger-metrics.js';

/** One fine-tuning job as the ledger records it, from before creation (`creating`, no `jobId` yet) to its fine-tuned model. */
export interface LedgerJob {
  launchKey: string;
  jobId: string | null;
  endpoint: string;
  baseModel: string;
  dataset: string;
  datasetSha256: string;
  fileId: string | null;
  /** The validation file the provider scores during training, when the launch had one. */
  validationDataset: string | null;
  validationSha256: string | null;
  validationFileId: string | null;
  /** The provider's result files (OpenAI: the step-metrics CSV), once the job has succeeded. */
  resultFiles: string[];
  /** As asked (numbers or 'auto'). */
  hyperparameters: Hyperparameters;
  /** As the provider resolved them. */
  resolved: Partial<Hyperparameters>;
  /** LoRA or all weights, LoRA rank and alpha, absolute learning rate, as asked; null when the launch named none (the provider's own method). */
  method: TrainingMethod | null;
  seed: number;
  seedIndex: number;
  suffix: string;
  group: string;
  experiment: string | null;
  variant: string | null;
  status: JobStatus | 'creating';
  history: { status: string; at: string }[];
  fineTunedModel: string | null;
  trainedTokens: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

interface JobRow {
  launch_key: string;
  job_id: string | null;
  endpoint: string;
  base_model: string;
  dataset: string;
  dataset_sha256: string;
  file_id: string | null;
  validation_dataset: string | null;
  validation_sha256: string | null;
  validation_file_id: string | null;
  result_files: string;
  hyperparameters: string;
  resolved: string;
  method: string | null;
  seed: number;
  seed_index: number;
  suffix: string;
  group_name: string;
  experiment: string | null;
  variant: string | null;
  status: LedgerJob['status'];
  history: string;
  fine_tuned_model: string | null;
  trained_tokens: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

function fromRow(r: JobRow): LedgerJob {
  return {
    launchKey: r.launch_key,
    jobId: r.job_id,
    endpoint: r.endpoint,
    baseModel: r.base_model,
    dataset: r.dataset,
    datasetSha256: r.dataset_sha256,
    fileId: r.file_id,
    validationDataset: r.validation_dataset,
    validationSha256: r.validation_sha256,
    validationFileId: r.validation_file_id,
    resultFiles: JSON.parse(r.result_files) as string[],
    hyperparameters: JSON.parse(r.hyperparameters) as Hyperparameters,
    resolved: JSON.parse(r.resolved) as Partial<Hyperparameters>,
    method: r.method === null ? null : (JSON.parse(r.method) as TrainingMethod),
    seed: r.seed,
    seedIndex: r.seed_index,
    suffix: r.suffix,
    group: r.group_name,
    experiment: r.experiment,
    variant: r.variant,
    status: r.status,
    history: JSON.parse(r.history) as LedgerJob['history'],
    fineTunedModel: r.fine_tuned_model,
    trainedTokens: r.trained_tokens,
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type NewJob = Omit<LedgerJob, 'method' | 'jobId' | 'fileId' | 'validationFileId' | 'resultFiles' | 'resolved' | 'status' | 'history' | 'fineTunedModel' | 'trainedTokens' | 'error' | 'createdAt' | 'updatedAt'> & { method?: TrainingMethod | null };

export interface JobFilter {
  experiment?: string;
  variant?: string;
  baseModel?: string;
  group?: string;
}

export class Ledger {
  constructor(private readonly db: Db) {}

  /** `scope`: the endpoint, or `endpoint/project` where the endpoint has projects. */
  uploadedFile(scope: string, sha256: string): string | undefined {
    return (this.db.prepare(`SELECT file_id FROM ft_files WHERE endpoint = ? AND sha256 = ?`).get(scope, sha256) as { file_id: string } | undefined)?.file_id;
  }

  recordFile(scope: string, sha256: string, file: { id: string; bytes: number; filename: string }): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO ft_files (endpoint, sha256, file_id, bytes, filename, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(scope, sha256, file.id, file.bytes, file.filename, new Date().toISOString());
  }

  forgetFile(scope: string, sha256: string): void {
    this.db.prepare(`DELETE FROM ft_files WHERE endpoint = ? AND sha256 = ?`).run(scope, sha256);
  }

  job(launchKey: string): LedgerJob | undefined {
    const row = this.db.prepare<[string], JobRow>(`SELECT * FROM ft_jobs WHERE launch_key = ?`).get(launchKey);
    return row ? fromRow(row) : undefined;
  }

  /** By provider job id, or a unique prefix of it. */
  jobById(id: string): LedgerJob[] {
    return this.db.prepare<[string], JobRow>(`SELECT * FROM ft_jobs WHERE job_id LIKE ? || '%' ORDER BY created_at`).all(id.replace(/[%_]/g, '')).map(fromRow);
  }

  jobs(filter: JobFilter = {}): LedgerJob[] {
    const where: string[] = [];
    const params: string[] = [];
    const add = (column: string, value: string | undefined) => value !== undefined && (where.push(`${column} = ?`), params.push(value));
    add('experiment', filter.experiment);
    add('variant', filter.variant);
    add('base_model', filter.baseModel);
    add('group_name', filter.group);
    return this.db
      .prepare<string[], JobRow>(`SELECT * FROM ft_jobs${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY group_name, seed_index, created_at`)
      .all(...params)
      .map(fromRow);
  }

  /** Written before the provider is asked, so that a crash leaves a trace to recover from. */
  recordIntent(job: NewJob): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT OR IGNORE INTO ft_jobs (launch_key, endpoint, base_model, dataset, dataset_sha256, validation_dataset, validation_sha256, hyperparameters, method, seed, seed_index, suffix, group_name, experiment, variant, status, history, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'creating', ?, ?, ?)`,
      )
      .run(job.launchKey, job.endpoint, job.baseModel, job.dataset, job.datasetSha256, job.validationDataset, job.validationSha256, JSON.stringify(job.hyperparameters), job.method ? JSON.stringify(job.method) : null, job.seed, job.seedIndex, job.suffix, job.group, job.experiment, job.variant, JSON.stringify([{ status: 'creating', at: now }]), now, now);
  }

  /** Records what the provider says about a job: status changes go to its history. */
  recordRemote(launchKey: string, remote: RemoteJob, fileId?: string): LedgerJob {
    const current = this.job(launchKey)!;
    const now = new Date().toISOString();
    const history = current.status === remote.status ? current.history : [...current.history, { status: remote.status, at: now }];
    const resolved = { ...current.resolved, ...Object.fromEntries(Object.entries(remote.hyperparameters).filter(([, v]) => typeof v === 'number')) };
    this.db
      .prepare(
        `UPDATE ft_jobs SET job_id = ?, file_id = COALESCE(?, file_id), validation_file_id = COALESCE(?, validation_file_id), result_files = ?, status = ?, history = ?, resolved = ?, fine_tuned_model = ?, trained_tokens = ?, error = ?, updated_at = ? WHERE launch_key = ?`,
      )
      .run(remote.id, fileId ?? null, remote.validationFile, JSON.stringify(remote.resultFiles.length > 0 ? remote.resultFiles : current.resultFiles), remote.status, JSON.stringify(history), JSON.stringify(resolved), remote.fineTunedModel, remote.trainedTokens, remote.error ? `${remote.error.code}: ${remote.error.message}` : null, now, launchKey);
    if (remote.status === 'succeeded' && remote.fineTunedModel) {
      this.db.prepare(`INSERT OR IGNORE INTO ft_models (model, job_id, endpoint, group_name) VALUES (?, ?, ?, ?)`).run(remote.fineTunedModel, remote.id, current.endpoint, current.group);
    }
    return this.job(launchKey)!;
  }

  recordEvents(jobId: string, events: readonly RemoteEvent[]): number {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO ft_events (job_id, event_id, created_at, level, message) VALUES (?, ?, ?, ?, ?)`);
    return this.db.transaction(() => events.reduce((added, e) => added + insert.run(jobId, e.id, e.createdAt, e.level, e.message).changes, 0))();
  }

  events(jobId: string): RemoteEvent[] {
    return (this.db.prepare(`SELECT event_id AS id, created_at AS createdAt, level, message FROM ft_events WHERE job_id = ? ORDER BY created_at, rowid`).all(jobId) as RemoteEvent[]);
  }

  recordCheckpoints(jobId: string, checkpoints: readonly RemoteCheckpoint[]): void {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO ft_checkpoints (job_id, checkpoint_id, model, step, metrics) VALUES (?, ?, ?, ?, ?)`);
    this.db.transaction(() => checkpoints.forEach((c) => insert.run(jobId, c.id, c.model, c.step, JSON.stringify(c.metrics))))();
  }

  checkpoints(jobId: string): RemoteCheckpoint[] {
    return (this.db.prepare(`SELECT checkpoint_id AS id, model, step, metrics FROM ft_checkpoints WHERE job_id = ? ORDER BY step`).all(jobId) as (Omit<RemoteCheckpoint, 'metrics'> & { metrics: string })[]).map((c) => ({
      ...c,
      metrics: JSON.parse(c.metrics) as Record<string, number>,
    }));
  }

  /** The provider's per-step metrics of a job (from its result file), by step. */
  stepMetrics(jobId: string): StepMetric[] {
    return readStepMetrics(this.db, jobId);
  }

  /** Stores a result file's steps; a file read again replaces its rows, never adds to them. */
  recordStepMetrics(jobId: string, fileId: string, metrics: readonly StepMetric[]): void {
    writeStepMetrics(this.db, jobId, fileId, metrics);
  }

  /** A result file that could not be read as metrics: the reason is kept and the file not read again. */
  recordResultFileError(jobId: string, fileId: string, error: string): void {
    writeResultFileError(this.db, jobId, fileId, error);
  }

  /** What became of each result file of a job that was read. */
  resultFiles(jobId: string): ResultFileRecord[] {
    return readResultFiles(this.db, jobId);
  }

  /** A succeeded job whose result file has not been read yet (a poller stopped in between resumes it). */
  resultFilePending(job: LedgerJob): string | undefined {
    const file = job.status === 'succeeded' && job.jobId ? job.resultFiles[0] : undefined;
    return file !== undefined && !this.resultFiles(job.jobId!).some((r) => r.fileId === file) ? file : undefined;
  }

  /** The job that made `model` on `endpoint`: its final model, or one of its checkpoints' (the paper evaluates some at an epoch). */
  jobOfModel(endpoint: string, model: string): LedgerJob | undefined {
    const row = this.db
      .prepare<[string, string, string], JobRow>(`SELECT * FROM ft_jobs WHERE endpoint = ? AND (fine_tuned_model = ? OR job_id IN (SELECT job_id FROM ft_checkpoints WHERE model = ?)) ORDER BY created_at LIMIT 1`)
      .get(endpoint, model, model);
    return row ? fromRow(row) : undefined;
  }

  /** Fine-tuned models of a group, as `endpoint:model` references, in seed order. */
  groupModels(group: string): string[] {
    return this.jobs({ group })
      .filter((j) => j.status === 'succeeded' && j.fineTunedModel)
      .map((j) => `${j.endpoint}:${j.fineTunedModel}`);
  }
}
