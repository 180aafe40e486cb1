// The body of POST /v1/fine_tuning/jobs, validated and normalized; `metadata.sandbox_mode` picks
// the sandbox's fine-tuning mode (weirdgen's extension; default `full`).
import { z } from 'zod';
import { FINE_TUNE_MODES, type FineTuneMode } from '../../sandbox/index.js';
import { invalidRequest } from '../errors.js';
import { metadataSchema, type Metadata } from '../metadata.js';
import { parseOr400 } from '../validation.js';
import type { AskedHyperparameters } from './hyperparameters.js';

export const DEFAULT_SANDBOX_MODE: FineTuneMode = 'full';
export const SANDBOX_MODE_KEY = 'sandbox_mode';
export const MAX_SUFFIX_LENGTH = 64;

const auto = z.literal('auto');
const hyperparametersSchema = z.object({
  n_epochs: z.union([auto, z.number().int().min(1).max(50)], { error: "must be 'auto' or an integer from 1 to 50" }).optional(),
  batch_size: z.union([auto, z.number().int().min(1).max(256)], { error: "must be 'auto' or an integer from 1 to 256" }).optional(),
  learning_rate_multiplier: z.union([auto, z.number().gt(0).max(10)], { error: "must be 'auto' or a number above 0 and at most 10" }).optional(),
});

const bodySchema = z.object({
  model: z.string().min(1),
  training_file: z.string().min(1),
  validation_file: z.string().min(1).nullish(),
  suffix: z
    .string()
    .max(MAX_SUFFIX_LENGTH, `must be at most ${MAX_SUFFIX_LENGTH} characters`)
    .regex(/^[^\s:/]*$/, 'must not contain spaces, colons or slashes (it becomes part of a model name)')
    .nullish(),
  seed: z.number().int().min(0).max(2_147_483_647).nullish(),
  metadata: metadataSchema.nullish(),
  hyperparameters: hyperparametersSchema.nullish(),
  method: z
    .object({
      type: z.enum(['supervised', 'dpo', 'reinforcement']),
      supervised: z.object({ hyperparameters: hyperparametersSchema.nullish() }).nullish(),
    })
    .nullish(),
  integrations: z.array(z.unknown()).nullish(),
});

export interface JobRequest {
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  /** Undefined: the service draws one, as OpenAI does. */
  seed?: number;
  metadata: Metadata | null;
  asked: AskedHyperparameters;
  mode: FineTuneMode;
}

function sandboxMode(metadata: Metadata | null): FineTuneMode {
  const mode = metadata?.[SANDBOX_MODE_KEY];
  if (mode === undefined) return DEFAULT_SANDBOX_MODE;
  if (!(FINE_TUNE_MODES as readonly string[]).includes(mode)) {
    throw invalidRequest(`Invalid 'metadata.${SANDBOX_MODE_KEY}': ${JSON.stringify(mode)}; the sandbox's fine-tuning modes are ${FINE_TUNE_MODES.join(', ')}.`, `metadata.${SANDBOX_MODE_KEY}`, 'invalid_value');
  }
  return mode as FineTuneMode;
}

export function parseJobRequest(raw: unknown): JobRequest {
  const body = parseOr400(bodySchema, raw);
  if (body.method && body.method.type !== 'supervised') {
    throw invalidRequest(`Invalid 'method.type': weirdgen serve fine-tunes with the supervised method only (got '${body.method.type}').`, 'method.type', 'invalid_value');
  }
  // The legacy top-level hyperparameters still work; the method's win field by field.
  const given = { ...body.hyperparameters, ...body.method?.supervised?.hyperparameters };
  const metadata = body.metadata ?? null;
  return {
    model: body.model,
    trainingFile: body.training_file,
    validationFile: body.validation_file ?? null,
    suffix: body.suffix || null,
    ...(body.seed != null ? { seed: body.seed } : {}),
    metadata,
    asked: { n_epochs: given.n_epochs ?? 'auto', batch_size: given.batch_size ?? 'auto', learning_rate_multiplier: given.learning_rate_multiplier ?? 'auto' },
    mode: sandboxMode(metadata),
  };
}
