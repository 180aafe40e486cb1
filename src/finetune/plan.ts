// What a launch will do before anything is paid for: the file validated, its tokens counted, the
// hyperparameters settled (given, the paper's, or auto), one job per seed, and the cost.
import { basename, extname, resolve } from 'node:path';
import { type FineTuningVariable, OPENAI_FINE_TUNING, overrideMethod, renderFineTuningBody, templateVariables, type TemplateValues, type TrainingMethod } from '../config/index.js';
import { type PriceTable, estimateTrainingCost, type TrainingCostEstimate, validateFile, type ValidationReport } from '../data/index.js';
import { paperFineTuning } from '../experiments/index.js';
import type { Hyperparameters, HyperparameterValue } from '../providers/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { ConfigError } from '../util/errors.js';
import { sha256File, sha256Hex } from '../util/hash.js';
import { type FineTuningMapping } from './endpoint.js';

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
  /**
   * LoRA or all weights, the adapters' rank and alpha, an absolute learning rate: for services
   * that fine-tune open models, sent as the endpoint's `fineTuning.body` places them. Part of the
   * launch key when given.
   */
  method?: TrainingMethod;
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
  /** The training method asked, when one was (recorded per job in the ledger). */
  method: TrainingMethod | null;
  /** The create-job body's method and hyperparameter fields, as the endpoint's template renders them. */
  body: Record<string, unknown>;
  /** Where that template comes from. */
  bodySource: string;
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

/** Each setting given, and the placeholders of which one must be in the endpoint's template to carry it. */
function settingsToPlace(h: Hyperparameters, m: TrainingMethod | undefined): { setting: string; flag: string; places: FineTuningVariable[] }[] {
  const out: { setting: string; flag: string; places: FineTuningVariable[] }[] = [];
  if (h.nEpochs !== 'auto') out.push({ setting: `epochs ${h.nEpochs}`, flag: '--epochs', places: ['epochs'] });
  if (h.batchSize !== 'auto') out.push({ setting: `batch size ${h.batchSize}`, flag: '--batch-size', places: ['batch_size'] });
  if (h.learningRateMultiplier !== 'auto') out.push({ setting: `learning-rate multiplier ${h.learningRateMultiplier}`, flag: '--lr-mult', places: ['learning_rate_multiplier'] });
  if (m?.type !== undefined) out.push({ setting: `method ${m.type}`, flag: '--method', places: ['method', 'lora'] });
  if (m?.loraRank !== undefined) out.push({ setting: `LoRA rank ${m.loraRank}`, flag: '--lora-rank', places: ['lora_rank'] });
  if (m?.loraAlpha !== undefined) out.push({ setting: `LoRA alpha ${m.loraAlpha}`, flag: '--lora-alpha', places: ['lora_alpha'] });
  if (m?.learningRate !== undefined) out.push({ setting: `learning rate ${m.learningRate}`, flag: '--learning-rate', places: ['learning_rate'] });
  return out;
}

/**
 * The body fields of a launch: every setting given must have a place in the endpoint's template,
 * or the launch is refused (a setting dropped without a word would train another model than asked).
 */
export function fineTuningBody(mapping: FineTuningMapping, endpoint: string, h: Hyperparameters, m: TrainingMethod | undefined): Record<string, unknown> {
  if (m && m.type !== 'lora' && (m.loraRank !== undefined || m.loraAlpha !== undefined)) throw new ConfigError(`a LoRA rank or alpha needs --method lora${m.type ? ` (got --method ${m.type})` : ''}`);
  if (m?.learningRate !== undefined && h.learningRateMultiplier !== 'auto') throw new ConfigError(`give a learning rate (${m.learningRate}) or a learning-rate multiplier (x${h.learningRateMultiplier}), not both: --learning-rate and --lr-mult are two ways to set one rate`);
  const used = templateVariables(mapping.config);
  const missing = settingsToPlace(h, m).filter((s) => !s.places.some((p) => used.has(p)));
  if (missing.length > 0) {
    const list = missing.map((s) => `${s.setting} (${s.flag}: needs ${s.places.map((p) => `$${p}`).join(' or ')})`).join('; ');
    throw new ConfigError(`endpoint "${endpoint}" has no place for ${list} in its create-job body (${mapping.source}); add the service's field for it under endpoints.${endpoint}.fineTuning.body in weirdgen.config.yaml (docs/open-models.md), or leave the setting out`);
  }
  const values: TemplateValues = {
    epochs: h.nEpochs,
    batch_size: h.batchSize,
    learning_rate_multiplier: h.learningRateMultiplier,
    ...(m?.type !== undefined ? { method: m.type, lora: m.type === 'lora' } : {}),
    ...(m?.loraRank !== undefined ? { lora_rank: m.loraRank } : {}),
    ...(m?.loraAlpha !== undefined ? { lora_alpha: m.loraAlpha } : {}),
    ...(m?.learningRate !== undefined ? { learning_rate: m.learningRate } : {}),
  };
  return renderFineTuningBody(mapping.config, values);
}

const hasMethod = (m: TrainingMethod | undefined): m is TrainingMethod => m !== undefined && Object.values(m).some((v) => v !== undefined);

/** `mapping`: how the endpoint's create-job body carries the settings (fineTuningMapping); default OpenAI's. */
export async function planLaunch(request: LaunchRequest, prices: PriceTable, mapping: FineTuningMapping = { config: OPENAI_FINE_TUNING, source: 'OpenAI’s method.supervised.hyperparameters' }): Promise<LaunchPlan> {
  const file = resolve(request.file);
  const { sha256 } = await sha256File(file);
  const paper = paperFineTuning(sha256, request.base);
  // The paper's method on its open bases (LoRA rank, learning rate), each field overridden by the request's.
  const method = overrideMethod(paper?.settings.method, hasMethod(request.method) ? request.method : undefined);
  // A method the endpoint's body cannot carry is refused before the file is validated.
  if (method) fineTuningBody(mapping, request.endpoint, { nEpochs: 'auto', batchSize: 'auto', learningRateMultiplier: 'auto' }, method);
  const validation = await validateFile(file, { model: request.base });
  const validationFile = request.validationFile === undefined ? undefined : await planValidationFile(request.validationFile, request.base);
  const given = request.epochs !== undefined || request.batchSize !== undefined || request.learningRateMultiplier !== undefined;
  const hyperparameters: Hyperparameters = {
    nEpochs: request.epochs ?? paper?.settings.epochs ?? 'auto',
    batchSize: request.batchSize ?? paper?.settings.batchSize ?? 'auto',
    learningRateMultiplier: request.learningRateMultiplier ?? paper?.settings.learningRateMultiplier ?? 'auto',
  };
  const source = given ? 'given' : paper ? 'paper' : 'auto';
  // A setting the endpoint's body cannot carry stops the launch here, before anything is uploaded.
  const body = fineTuningBody(mapping, request.endpoint, hyperparameters, method);
  const group = request.group ?? request.variant ?? slug(basename(file, extname(file)));
  const stem = slug(request.suffix ?? group).slice(0, SUFFIX_MAX - 4);
  const jobs = Array.from({ length: request.seeds }, (_, seedIndex) => {
    const seed = request.seed + seedIndex;
    const suffix = `${stem}-s${seedIndex}`;
    const launchKey = sha256Hex(canonicalJson({ endpoint: request.endpoint, project: request.project, base: request.base, sha256, validationSha256: validationFile?.sha256, hyperparameters, ...(method ? { method } : {}), seed, seedIndex, suffix, metadata: request.metadata }));
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
    method: method ?? null,
    body,
    bodySource: mapping.source,
    ...(paper ? { officialPath: paper.path } : {}),
    group,
    experiment: request.experiment ?? paper?.experiment.id ?? null,
    variant: request.variant ?? null,
    jobs,
    perJob,
    ...(perJob.cost !== undefined ? { totalUsd: perJob.cost * jobs.length } : {}),
  };
}
