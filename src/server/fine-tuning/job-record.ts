// A fine-tuning job as the service keeps it: OpenAI's job object with its events and checkpoints,
// and what the job needs to run again after a restart.
import type { FineTuningJobCheckpoint } from 'openai/resources/fine-tuning/jobs/checkpoints';
import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import { z } from 'zod';
import { FINE_TUNE_MODES, type FineTuneMode } from '../../sandbox/index.js';
import { newId, unixSeconds } from '../state/ids.js';
import { type AskedHyperparameters, trainingFields } from './hyperparameters.js';
import type { AskedTraining, JobRequest } from './params.js';

/** OpenAI's job object, with the suffix field the API returns and the SDK's type leaves out. */
export type FineTuningJobObject = FineTuningJob & { user_provided_suffix: string | null };
export type JobStatus = FineTuningJob['status'];

export const ORGANIZATION_ID = 'org-weirdgen';
export const FINAL_JOB_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['succeeded', 'failed', 'cancelled']);
const PROGRESS: readonly JobStatus[] = ['validating_files', 'queued', 'running'];

export interface JobRecord {
  id: string;
  job: FineTuningJobObject;
  /** Oldest first. */
  events: FineTuningJobEvent[];
  /** Oldest first. */
  checkpoints: FineTuningJobCheckpoint[];
  asked: AskedHyperparameters;
  mode: FineTuneMode;
  /** LoRA rank and alpha, learning rate, as asked (absent in records written before they could be asked). */
  training?: AskedTraining;
  /** Servable model name -> checkpoint file, relative to the service's models folder. */
  weights: Record<string, string>;
}

export function newJobRecord(request: JobRequest & { seed: number }): JobRecord {
  const id = newId.job();
  // Echoed in the open-model services' field names next to OpenAI's.
  const extra = request.mode === 'lora' || Object.keys(request.training).length > 0 ? trainingFields(request.mode, request.training) : {};
  const asked = { ...request.asked, ...extra };
  const job: FineTuningJobObject = {
    object: 'fine_tuning.job',
    id,
    model: request.model,
    created_at: unixSeconds(),
    finished_at: null,
    fine_tuned_model: null,
    organization_id: ORGANIZATION_ID,
    result_files: [],
    status: 'validating_files',
    training_file: request.trainingFile,
    validation_file: request.validationFile,
    hyperparameters: { ...asked },
    method: { type: 'supervised', supervised: { hyperparameters: { ...asked } } },
    trained_tokens: null,
    error: null,
    seed: request.seed,
    estimated_finish: null,
    integrations: [],
    metadata: request.metadata,
    user_provided_suffix: request.suffix,
  };
  return { id, job, events: [], checkpoints: [], asked: request.asked, mode: request.mode, training: request.training, weights: {} };
}

export interface EventOptions {
  level?: FineTuningJobEvent['level'];
  type?: FineTuningJobEvent['type'];
  data?: Record<string, unknown>;
}

export function newEvent(message: string, { level = 'info', type = 'message', data }: EventOptions = {}): FineTuningJobEvent {
  return { object: 'fine_tuning.job.event', id: newId.event(), created_at: unixSeconds(), level, message, data: data ?? {}, type };
}

/** Whether `to` lies ahead of the job's status: jobs move forward only and never leave a final status. */
export function canAdvance(from: JobStatus, to: JobStatus): boolean {
  if (FINAL_JOB_STATUSES.has(from)) return false;
  if (FINAL_JOB_STATUSES.has(to)) return true;
  return PROGRESS.indexOf(to) > PROGRESS.indexOf(from);
}

const recordSchema = z.looseObject({
  id: z.string(),
  job: z.looseObject({ id: z.string(), status: z.string() }),
  events: z.array(z.looseObject({ id: z.string() })),
  checkpoints: z.array(z.looseObject({ id: z.string() })),
  asked: z.looseObject({}),
  mode: z.enum(FINE_TUNE_MODES),
  weights: z.record(z.string(), z.string()),
});

/** A record read back from the service's own files: checked for shape, trusted for detail. */
export function parseJobRecord(raw: unknown): JobRecord {
  return recordSchema.parse(raw) as unknown as JobRecord;
}
