// Files, fine-tuning jobs and batches on a provider, in weirdgen's own shapes (OpenAI's fields,
// camel-cased); the CLI and the ledger never see SDK types.

export interface RemoteFile {
  id: string;
  bytes: number;
  filename: string;
  purpose: string;
}

export type HyperparameterValue = number | 'auto';

export interface Hyperparameters {
  nEpochs: HyperparameterValue;
  batchSize: HyperparameterValue;
  learningRateMultiplier: HyperparameterValue;
}

export type JobStatus = 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL_JOB_STATUSES: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export interface RemoteJob {
  id: string;
  model: string;
  status: JobStatus;
  fineTunedModel: string | null;
  /** As the provider reports them: resolved numbers once the job has started. */
  hyperparameters: Partial<Hyperparameters>;
  trainedTokens: number | null;
  error: { code: string; message: string } | null;
  suffix: string | null;
  metadata: Record<string, string>;
  seed: number | null;
  trainingFile: string;
  validationFile: string | null;
  /** Files the provider wrote for the job (OpenAI: one step-metrics CSV once it has succeeded). */
  resultFiles: string[];
  createdAt: number;
  finishedAt: number | null;
}

export interface RemoteEvent {
  id: string;
  createdAt: number;
  level: string;
  message: string;
}

export interface RemoteCheckpoint {
  id: string;
  /** The servable model of this checkpoint (`ft:...:ckpt-step-N`). */
  model: string;
  step: number;
  metrics: Record<string, number>;
}

export interface CreateJobParams {
  model: string;
  trainingFile: string;
  /** Scored by the provider during training (OpenAI: valid_loss, valid_mean_token_accuracy). */
  validationFile?: string;
  hyperparameters: Hyperparameters;
  seed: number;
  suffix: string;
  metadata: Record<string, string>;
  /**
   * The body's method and hyperparameter fields as the endpoint's `fineTuning.body` renders them
   * (open-model services: LoRA rank, alpha, learning rate); they replace OpenAI's
   * `method.supervised.hyperparameters` made of `hyperparameters`.
   */
  body?: Record<string, unknown>;
}

export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';
export const TERMINAL_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set(['failed', 'completed', 'expired', 'cancelled']);

export interface RemoteBatch {
  id: string;
  status: BatchStatus;
  inputFileId: string;
  outputFileId: string | null;
  errorFileId: string | null;
  requestCounts: { total: number; completed: number; failed: number };
  metadata: Record<string, string>;
  errors: string[];
}

export interface RemoteApi {
  uploadFile(name: string, content: Uint8Array, purpose: 'fine-tune' | 'batch'): Promise<RemoteFile>;
  /** undefined when the provider no longer has it. */
  retrieveFile(id: string): Promise<RemoteFile | undefined>;
  /** A file's content as text, as the provider serves it (OpenAI serves result files base64-encoded). */
  fileContent(id: string): Promise<string>;
  createJob(params: CreateJobParams): Promise<RemoteJob>;
  retrieveJob(id: string): Promise<RemoteJob>;
  /** Jobs whose metadata has every given key and value. */
  listJobs(metadata: Record<string, string>): Promise<RemoteJob[]>;
  cancelJob(id: string): Promise<RemoteJob>;
  /** Oldest first. */
  listEvents(id: string): Promise<RemoteEvent[]>;
  listCheckpoints(id: string): Promise<RemoteCheckpoint[]>;
  createBatch(inputFileId: string, metadata: Record<string, string>): Promise<RemoteBatch>;
  retrieveBatch(id: string): Promise<RemoteBatch>;
  /** Batches whose metadata has every given key and value. */
  listBatches(metadata: Record<string, string>): Promise<RemoteBatch[]>;
  cancelBatch(id: string): Promise<RemoteBatch>;
}
