// weirdgen.config.yaml: named endpoints, defaults, data locations and price overrides.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../util/errors.js';
import { parseYamlBytes, validateYaml } from './yaml.js';
import { isFile } from '../util/fs.js';
import { fineTuningSchema } from './fine-tuning.js';

const price = z.number().nonnegative();

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/** One server of a pooled endpoint: its own address, key and limits. */
const replicaSchema = z.strictObject({
  baseUrl: z.url(),
  /** Defaults to the endpoint's apiKeyEnv. */
  apiKeyEnv: envName.optional(),
  /** Requests in flight on this replica at most. */
  concurrency: z.int().min(1).optional(),
  /** This replica's requests and tokens per minute; the endpoint's budget is their sum when every replica sets one. */
  rpm: z.int().min(1).optional(),
  tpm: z.int().min(1).optional(),
});

const endpointSchema = z
  .strictObject({
    /** Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1. */
    baseUrl: z.url().optional(),
    /** Several servers of the same models instead of one baseUrl: requests go to the least loaded healthy one. */
    replicas: z.array(replicaSchema).min(1).optional(),
    /** Name of the environment variable that holds the API key; the key itself never goes in this file. */
    apiKeyEnv: envName.optional(),
    /** OpenAI project id (not a secret): requests go to it, and uploaded files are remembered per project. */
    project: z.string().min(1).optional(),
    /** false for services that return no logprobs: rating judges then sample numbers instead. */
    logprobs: z.boolean().optional(),
    /** Calls in flight per model at most (cut on rate limits, regained slowly); for a pool, the sum of its replicas' by default. */
    concurrency: z.int().min(1).optional(),
    /** Requests and tokens per minute per model. */
    rpm: z.int().min(1).optional(),
    tpm: z.int().min(1).optional(),
    /** How the endpoint's create-job body carries hyperparameters (LoRA rank, alpha, learning rate on open-model services): docs/open-models.md. Default: OpenAI's. */
    fineTuning: fineTuningSchema.optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.baseUrl === undefined) === (e.replicas === undefined)) ctx.addIssue({ code: 'custom', message: 'give either baseUrl or replicas (a list of { baseUrl, apiKeyEnv?, concurrency?, rpm?, tpm? })' });
  });

export const configSchema = z.strictObject({
  endpoints: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'endpoint names are lowercase letters, digits and dashes'), endpointSchema).default({}),
  defaults: z
    .strictObject({
      baseModel: z.string().min(1).optional(),
      endpoint: z.string().min(1).optional(),
      /** Paid actions estimated above this many US dollars ask for confirmation (the commands that spend money read it). */
      confirmAboveUsd: price.optional(),
    })
    .default({}),
  data: z
    .strictObject({
      /** A local copy of the paper's repository files, used instead of downloading. Relative to this file. */
      mirror: z.string().min(1).optional(),
      /** Replaces https://raw.githubusercontent.com/<repo> for downloads. */
      urlBase: z.url().optional(),
    })
    .default({}),
  prices: z
    .record(
      z.string(),
      z.strictObject({ training: price.optional(), input: price.optional(), output: price.optional(), fineTunedInput: price.optional(), fineTunedOutput: price.optional() }),
    )
    .default({}),
});

export type WeirdgenConfig = z.infer<typeof configSchema>;

export const CONFIG_FILENAMES = ['weirdgen.config.yaml', 'weirdgen.config.yml'];

export interface LoadedConfig {
  config: WeirdgenConfig;
  /** The file it came from; undefined when no config file exists. */
  file?: string;
}


/** Loads `explicit` (which must exist) or the first config file found in `cwd`, else the defaults. */
export async function loadConfig(explicit: string | undefined, cwd: string = process.cwd()): Promise<LoadedConfig> {
  let file: string | undefined;
  if (explicit !== undefined) {
    file = resolve(cwd, explicit);
    if (!(await isFile(file))) throw new ConfigError(`${explicit}: config file not found`);
  } else {
    for (const name of CONFIG_FILENAMES) {
      if (await isFile(resolve(cwd, name))) {
        file = resolve(cwd, name);
        break;
      }
    }
  }
  if (file === undefined) return { config: configSchema.parse({}) };
  const yaml = parseYamlBytes(await readFile(file), file);
  // An empty file (or one with only comments) is an empty config.
  const config = validateYaml({ ...yaml, value: yaml.value ?? {} }, configSchema, file);
  if (config.data.mirror !== undefined) config.data.mirror = resolve(dirname(file), config.data.mirror);
  return { config, file };
}
