// The body of POST /v1/fine_tuning/jobs, validated and normalized; `metadata.sandbox_mode` picks
// the sandbox's fine-tuning mode (weirdgen's extension; default `full`). Like services that
// fine-tune open models, the hyperparameters may also carry `lora` (true: lora mode), `lora_r`,
// `lora_alpha` and an absolute `learning_rate`; a field that cannot apply is refused, never dropped.
import { z } from 'zod';
import { FINE_TUNE_MODES, type FineTuneMode } from '../../sandbox/index.js';
import { invalidRequest } from '../errors.js';
import { metadataSchema, type Metadata } from '../metadata.js';
import { parseOr400 } from '../validation.js';
import type { AskedHyperparameters } from './hyperparameters.js';

export const DEFAULT_SANDBOX_MODE: FineTuneMode = 'full';
export const SANDBOX_MODE_KEY = 'sandbox_mode';
export const MAX_SUFFIX_LENGTH = 64;
/** The shipped bases are 64 wide (docs/sandbox.md): a rank above a layer's width would add nothing. */
export const MAX_LORA_RANK = 64;

/** What a job asks beyond OpenAI's hyperparameters: the adapters' rank and alpha (lora mode), an absolute learning rate in place of the mode's own times the multiplier. */
export interface AskedTraining {
  loraRank?: number;
  loraAlpha?: number;
  learningRate?: number;
}

const auto = z.literal('auto');
const hyperparametersSchema = z.object({
  n_epochs: z.union([auto, z.number().int().min(1).max(50)], { error: "must be 'auto' or an integer from 1 to 50" }).optional(),
  batch_size: z.union([auto, z.number().int().min(1).max(256)], { error: "must be 'auto' or an integer from 1 to 256" }).optional(),
  learning_rate_multiplier: z.union([auto, z.number().gt(0).max(10)], { error: "must be 'auto' or a number above 0 and at most 10" }).optional(),
  learning_rate: z.number({ error: 'must be a number above 0 and at most 1' }).gt(0).max(1).optional(),
  lora: z.boolean({ error: 'must be true or false' }).optional(),
  lora_r: z.number({ error: `must be an integer from 1 to ${MAX_LORA_RANK}` }).int().min(1).max(MAX_LORA_RANK).optional(),
  lora_alpha: z.number({ error: 'must be a number above 0' }).gt(0).max(100_000).optional(),
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
  training: AskedTraining;
}

function sandboxMode(metadata: Metadata | null, lora: boolean | undefined): FineTuneMode {
  const mode = metadata?.[SANDBOX_MODE_KEY];
  if (lora !== undefined && mode !== undefined && lora !== (mode === 'lora')) {
    throw invalidRequest(`Invalid 'hyperparameters.lora': ${lora} disagrees with 'metadata.${SANDBOX_MODE_KEY}' ${JSON.stringify(mode)}.`, 'hyperparameters.lora', 'invalid_value');
  }
  if (mode === undefined) return lora ? 'lora' : DEFAULT_SANDBOX_MODE;
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
  const mode = sandboxMode(metadata, given.lora);
  for (const field of ['lora_r', 'lora_alpha'] as const) {
    if (given[field] !== undefined && mode !== 'lora') throw invalidRequest(`Invalid 'hyperparameters.${field}': adapters train in lora mode only, and this job's mode is ${mode} (ask for it with 'hyperparameters.lora': true or 'metadata.${SANDBOX_MODE_KEY}': "lora").`, `hyperparameters.${field}`, 'invalid_value');
  }
  if (given.learning_rate !== undefined && given.learning_rate_multiplier !== undefined && given.learning_rate_multiplier !== 'auto') {
    throw invalidRequest(`Invalid 'hyperparameters.learning_rate': give a learning rate or a learning_rate_multiplier, not both.`, 'hyperparameters.learning_rate', 'invalid_value');
  }
  return {
    model: body.model,
    trainingFile: body.training_file,
    validationFile: body.validation_file ?? null,
    suffix: body.suffix || null,
    ...(body.seed != null ? { seed: body.seed } : {}),
    metadata,
    asked: { n_epochs: given.n_epochs ?? 'auto', batch_size: given.batch_size ?? 'auto', learning_rate_multiplier: given.learning_rate_multiplier ?? 'auto' },
    mode,
    training: {
      ...(given.lora_r !== undefined ? { loraRank: given.lora_r } : {}),
      ...(given.lora_alpha !== undefined ? { loraAlpha: given.lora_alpha } : {}),
      ...(given.learning_rate !== undefined ? { learningRate: given.learning_rate } : {}),
    },
  };
}
