// Files, fine-tuning jobs and batches through the official SDK (OpenAI and compatible services).
import OpenAI, { toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { FineTuningJob, JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';
import { ProviderError } from './errors.js';
import type { BatchStatus, CreateJobParams, Hyperparameters, RemoteApi, RemoteBatch, RemoteCheckpoint, RemoteEvent, RemoteFile, RemoteJob } from './remote-api.js';
import { classifySdkError } from './sdk-errors.js';

function toJob(j: FineTuningJob): RemoteJob {
  const hp = j.method?.supervised?.hyperparameters ?? j.hyperparameters ?? {};
  const hyperparameters: Partial<Hyperparameters> = {};
  if (hp.n_epochs !== undefined && hp.n_epochs !== null) hyperparameters.nEpochs = hp.n_epochs;
  if (hp.batch_size !== undefined && hp.batch_size !== null) hyperparameters.batchSize = hp.batch_size;
  if (hp.learning_rate_multiplier !== undefined && hp.learning_rate_multiplier !== null) hyperparameters.learningRateMultiplier = hp.learning_rate_multiplier;
  return {
    id: j.id,
    model: j.model,
    status: j.status,
    fineTunedModel: j.fine_tuned_model,
    hyperparameters,
    trainedTokens: j.trained_tokens,
    error: j.error ? { code: j.error.code, message: j.error.message } : null,
    // Not in the SDK's type, but OpenAI and `weirdgen serve` return it.
    suffix: (j as FineTuningJob & { user_provided_suffix?: string | null }).user_provided_suffix ?? null,
    metadata: (j.metadata ?? {}) as Record<string, string>,
    seed: j.seed ?? null,
    trainingFile: j.training_file,
    validationFile: j.validation_file ?? null,
    resultFiles: j.result_files ?? [],
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  };
}

function toBatch(b: Batch): RemoteBatch {
  return {
    id: b.id,
    status: b.status as BatchStatus,
    inputFileId: b.input_file_id,
    outputFileId: b.output_file_id ?? null,
    errorFileId: b.error_file_id ?? null,
    requestCounts: { total: b.request_counts?.total ?? 0, completed: b.request_counts?.completed ?? 0, failed: b.request_counts?.failed ?? 0 },
    metadata: (b.metadata ?? {}) as Record<string, string>,
    errors: (b.errors?.data ?? []).map((e) => `${e.line !== null && e.line !== undefined ? `line ${e.line}: ` : ''}${e.message ?? e.code ?? 'error'}`),
  };
}

const UPLOAD_TIMEOUT_MS = 15 * 60_000;

const matches = (metadata: Record<string, string>, wanted: Record<string, string>) => Object.entries(wanted).every(([k, v]) => metadata[k] === v);

export class OpenAiRemoteApi implements RemoteApi {
  constructor(
    private readonly client: OpenAI,
    private readonly endpoint: string,
    private readonly apiKey: string | undefined,
  ) {}

  private async sdk<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw classifySdkError(e, this.endpoint, this.apiKey);
    }
  }

  uploadFile(name: string, content: Uint8Array, purpose: 'fine-tune' | 'batch'): Promise<RemoteFile> {
    return this.sdk(async () => {
      // Uploads may be large: they get their own timeout, not the chat timeout.
      const f = await this.client.files.create({ file: await toFile(content, name), purpose }, { timeout: UPLOAD_TIMEOUT_MS });
      return { id: f.id, bytes: f.bytes, filename: f.filename, purpose: f.purpose };
    });
  }

  async retrieveFile(id: string): Promise<RemoteFile | undefined> {
    try {
      const f = await this.sdk(() => this.client.files.retrieve(id));
      return { id: f.id, bytes: f.bytes, filename: f.filename, purpose: f.purpose };
    } catch (e) {
      if (e instanceof ProviderError && e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  fileContent(id: string): Promise<string> {
    return this.sdk(async () => (await this.client.files.content(id)).text());
  }

  createJob(p: CreateJobParams): Promise<RemoteJob> {
    const hyperparameters = { n_epochs: p.hyperparameters.nEpochs, batch_size: p.hyperparameters.batchSize, learning_rate_multiplier: p.hyperparameters.learningRateMultiplier };
    // A rendered body's fields go as they are: the SDK sends its params as the JSON body.
    const fields = (p.body ?? { method: { type: 'supervised', supervised: { hyperparameters } } }) as Pick<JobCreateParams, 'method'>;
    return this.sdk(async () =>
      toJob(await this.client.fineTuning.jobs.create({ ...fields, model: p.model, training_file: p.trainingFile, ...(p.validationFile ? { validation_file: p.validationFile } : {}), seed: p.seed, suffix: p.suffix, metadata: p.metadata })),
    );
  }

  retrieveJob(id: string): Promise<RemoteJob> {
    return this.sdk(async () => toJob(await this.client.fineTuning.jobs.retrieve(id)));
  }

  listJobs(metadata: Record<string, string>): Promise<RemoteJob[]> {
    return this.sdk(async () => {
      const jobs: RemoteJob[] = [];
      // Servers that ignore the metadata filter are filtered here too.
      for await (const j of this.client.fineTuning.jobs.list({ metadata, limit: 100 })) if (matches((j.metadata ?? {}) as Record<string, string>, metadata)) jobs.push(toJob(j));
      return jobs;
    });
  }

  cancelJob(id: string): Promise<RemoteJob> {
    return this.sdk(async () => toJob(await this.client.fineTuning.jobs.cancel(id)));
  }

  listEvents(id: string): Promise<RemoteEvent[]> {
    return this.sdk(async () => {
      const events: RemoteEvent[] = [];
      for await (const e of this.client.fineTuning.jobs.listEvents(id, { limit: 100 })) events.push({ id: e.id, createdAt: e.created_at, level: e.level, message: e.message });
      // The API lists newest first; events within one second keep their order this way.
      return events.reverse();
    });
  }

  listCheckpoints(id: string): Promise<RemoteCheckpoint[]> {
    return this.sdk(async () => {
      const checkpoints: RemoteCheckpoint[] = [];
      for await (const c of this.client.fineTuning.jobs.checkpoints.list(id, { limit: 100 })) {
        const metrics = Object.fromEntries(Object.entries(c.metrics ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
        checkpoints.push({ id: c.id, model: c.fine_tuned_model_checkpoint, step: c.step_number, metrics });
      }
      return checkpoints.sort((a, b) => a.step - b.step);
    });
  }

  createBatch(inputFileId: string, metadata: Record<string, string>): Promise<RemoteBatch> {
    return this.sdk(async () => toBatch(await this.client.batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata })));
  }

  retrieveBatch(id: string): Promise<RemoteBatch> {
    return this.sdk(async () => toBatch(await this.client.batches.retrieve(id)));
  }

  listBatches(metadata: Record<string, string>): Promise<RemoteBatch[]> {
    return this.sdk(async () => {
      const batches: RemoteBatch[] = [];
      for await (const b of this.client.batches.list({ limit: 100 })) if (matches((b.metadata ?? {}) as Record<string, string>, metadata)) batches.push(toBatch(b));
      return batches;
    });
  }

  cancelBatch(id: string): Promise<RemoteBatch> {
    return this.sdk(async () => toBatch(await this.client.batches.cancel(id)));
  }
}
