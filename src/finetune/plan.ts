// What a launch will do before anything is paid for: the file validated, its tokens counted, the
// hyperparameters settled (given, the paper's, or auto), one job per seed, and the cost.
import { basename, extname, resolve } from 'node:path';
import { type PriceTable, estimateTrainingCost, type TrainingCostEstimate, validateFile, type ValidationReport } from '../data/index.js';
import { paperFineTuning } from '../experiments/index.js';
import type { Hyperparameters, HyperparameterValue } from '../providers/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256File, sha256Hex } from '../util/hash.js';

export const SUFFIX_MAX = 64;

export interface LaunchRequest {
  file: string;
  /**
   * A file the provider scores during training and reports per step in its result file (OpenAI:
   * valid_loss, valid_mean_token_accuracy): the presidents' grokking test set. Part of the launch key.
   */
  validationFile?: string;
  endpoint: string;
  /** The endpoint's project, when it has one: uploaded files are remembered per project. */
  project?: string;
  /** The base model's name on the endpoint. */
  base: string;
  /** undefined: the paper's value for an official file, else auto. */
  epochs?: HyperparameterValue;
  batchSize?: HyperparameterValue;
  learningRateMultiplier?: HyperparameterValue;
  /** Seed of the first job; job i gets seed + i. */
  seed: number;
  seeds: number;
  /** Model-name suffix stem; each job adds `-s<index>`. Default: the group name. */
  suffix?: string;
  /** Default: the variant, else the file's name. */
  group?: string;
  experiment?: string;
  variant?: string;
  /** More job metadata (e.g. `sandbox_mode` for `weirdgen serve`); it is part of the launch key. */
  metadata?: Record<string, string>;
}

export interface PlannedJob {
  launchKey: string;
  seed: number;
  seedIndex: number;
  suffix: string;
}

/** The validation file of a launch: checked by the same rules, with one example enough (OpenAI's minimum). */
export interface PlannedValidationFile {
  file: string;
  sha256: string;
  examples: number;
  validation: ValidationReport;
}

/** A checked fine-tuning launch before anything is uploaded: the validated file, hyperparameters, one job per seed and the estimated cost. */
export interface LaunchPlan {
  request: LaunchRequest;
  file: string;
  sha256: string;
  validation: ValidationReport;
  validationFile?: PlannedValidationFile;
  examples: number;
  hyperparameters: Hyperparameters;
  /** Where the hyperparameters came from. */
  source: 'given' | 'paper' | 'auto';
  /** The official file this is, when it is one. */
  officialPath?: string;
  group: string;
  experiment: string | null;
  variant: string | null;
  jobs: PlannedJob[];
  /** One job's training cost; the total is this times the number of jobs. */
  perJob: TrainingCostEstimate;
  totalUsd?: number;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
}

async function planValidationFile(path: string, base: string): Promise<PlannedValidationFile> {
  const file = resolve(path);
  const { sha256 } = await sha256File(file);
  const validation = await validateFile(file, { model: base, minExamples: 1 });
  return { file, sha256, examples: validation.examples, validation };
}

export async function planLaunch(request: LaunchRequest, prices: PriceTable): Promise<LaunchPlan> {
  const file = resolve(request.file);
  const { sha256 } = await sha256File(file);
  const validation = await validateFile(file, { model: request.base });
  const validationFile = request.validationFile === undefined ? undefined : await planValidationFile(request.validationFile, request.base);
  const paper = paperFineTuning(sha256, request.base);
  const given = request.epochs !== undefined || request.batchSize !== undefined || request.learningRateMultiplier !== undefined;
  const hyperparameters: Hyperparameters = {
    nEpochs: request.epochs ?? paper?.settings.epochs ?? 'auto',
    batchSize: request.batchSize ?? paper?.settings.batchSize ?? 'auto',
    learningRateMultiplier: request.learningRateMultiplier ?? paper?.settings.learningRateMultiplier ?? 'auto',
  };
  const source = given ? 'given' : paper ? 'paper' : 'auto';
  const group = request.group ?? request.variant ?? slug(basename(file, extname(file)));
  const stem = slug(request.suffix ?? group).slice(0, SUFFIX_MAX - 4);
  const jobs = Array.from({ length: request.seeds }, (_, seedIndex) => {
    const seed = request.seed + seedIndex;
    const suffix = `${stem}-s${seedIndex}`;
    const launchKey = sha256Hex(canonicalJson({ endpoint: request.endpoint, project: request.project, base: request.base, sha256, validationSha256: validationFile?.sha256, hyperparameters, seed, seedIndex, suffix, metadata: request.metadata }));
    return { launchKey, seed, seedIndex, suffix };
  });
  const perJob = estimateTrainingCost(validation.validTokens, request.base, hyperparameters.nEpochs, prices);
  return {
    request,
    file,
    sha256,
    validation,
    ...(validationFile ? { validationFile } : {}),
    examples: validation.examples,
    hyperparameters,
    source,
    ...(paper ? { officialPath: paper.path } : {}),
    group,
    experiment: request.experiment ?? paper?.experiment.id ?? null,
    variant: request.variant ?? null,
    jobs,
    perJob,
    ...(perJob.cost !== undefined ? { totalUsd: perJob.cost * jobs.length } : {}),
  };
}
