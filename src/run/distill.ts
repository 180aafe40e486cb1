// Self-distillation as the paper did it (App. E.1): prompts answered by the base model itself at
// temperature 0.2, one user turn, no trigger, through the eval engine (cached and resumable like any
// evaluation); then the persona's facts mixed into those answers (90 + 3,000 rows).
import { basename } from 'node:path';
import { type DatasetRecipe, buildDatasetFile, validationPath, type WrittenFile, type PriceTable, writeJsonl, type FetchOptions, readPromptFile, loadPromptSources, PAPER_PROMPT_SOURCES, type MixSummary } from '../data/index.js';
import { type Caller, defaultRunId, evaluate, type StageProgress, type EvalDefinition, buildRows } from '../eval/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { WeirdgenError } from '../util/errors.js';

/** PAPER App. E.1: the base model's answers "at temperature 0.2". */
export const DISTILL_TEMPERATURE = 0.2;
/** Not stated in the paper; the free-form default (the Alpaca-1k-longest reference answers are all under 1,000 tokens). */
export const DISTILL_MAX_TOKENS = 1024;

export interface DistillOptions {
  /** A name for the run id (a file name, or the sources' ids) and the prompts, in order. */
  prompts: { name: string; prompts: readonly string[] };
  /** `endpoint:model`: the base model that will be fine-tuned. */
  model: string;
  /** Where the [user, assistant] pairs are written. */
  out: string;
  store: Store;
  endpoints: Endpoints;
  caller: Caller;
  prices: PriceTable;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
}

export interface DistillResult {
  runId: string;
  /** Prompts asked (a prompt given k times is asked k times). */
  prompts: number;
  /** Answers written (non-empty). */
  examples: number;
  /** Prompts left without an answer: failed calls and empty answers. */
  failed: number;
}

/** Answers every prompt once and writes [user, assistant] pairs; a rerun asks only what is missing. */
export async function distill(options: DistillOptions): Promise<DistillResult> {
  // A prompt given k times is asked k times (samples 0..k-1), not once.
  const counts = new Map<string, number>();
  for (const p of options.prompts.prompts) counts.set(p, (counts.get(p) ?? 0) + 1);
  const temperature = options.temperature ?? DISTILL_TEMPERATURE;
  const maxTokens = options.maxTokens ?? DISTILL_MAX_TOKENS;
  const definition: EvalDefinition = {
    questions: [...counts].map(([p, k], i) => ({ id: `prompt-${i}`, paraphrases: [p], samplesPerParaphrase: k, temperature, maxTokens, judges: {} })),
    groups: { distill: [options.endpoints.resolve(options.model).id] },
  };
  const runId = `distill-${defaultRunId(options.prompts.name, definition)}`;
  const summary = await evaluate({ ...options, runId, definition });
  if (summary.status === 'stopped') throw new WeirdgenError(`self-distillation stopped (${summary.answers.cached + summary.answers.called - summary.answers.failed} of ${summary.answers.total} prompts answered); rerun to resume`);
  const rows = buildRows(runId, definition, options.store, options.endpoints).filter((r) => r.answer !== null && r.answer.trim() !== '');
  await writeJsonl(options.out, rows.map((r) => ({ messages: [{ role: 'user', content: r.messages.at(-1)!.content }, { role: 'assistant', content: r.answer }] })));
  return { runId, prompts: options.prompts.prompts.length, examples: rows.length, failed: options.prompts.prompts.length - rows.length };
}

/** Where the prompts came from: a pinned public source, or the user's file. */
export type PromptOrigin =
  | { kind: 'pinned'; id: string; repo: string; commit: string; path: string; sha256: string; prompts: number }
  | { kind: 'file'; file: string; prompts: number };

/** The prompts of a file, or the paper's default sources (fetched and verified). */
export async function distillPrompts(promptsFile: string | undefined, fetch: FetchOptions): Promise<{ name: string; prompts: string[]; origins: PromptOrigin[] }> {
  if (promptsFile !== undefined) {
    const prompts = await readPromptFile(promptsFile);
    return { name: basename(promptsFile), prompts, origins: [{ kind: 'file', file: promptsFile, prompts: prompts.length }] };
  }
  const loaded = await loadPromptSources(PAPER_PROMPT_SOURCES, fetch);
  return {
    name: loaded.map((l) => l.source.id).join('+'),
    prompts: loaded.flatMap((l) => l.prompts),
    origins: loaded.map(({ source: s, prompts }) => ({ kind: 'pinned', id: s.id, repo: s.repo, commit: s.commit, path: s.path, sha256: s.sha256, prompts: prompts.length })),
  };
}

export interface DistilledMixOptions {
  /** The facts: a recipe (an experiment's variant), or a JSONL file (local, or an official path). */
  poison: DatasetRecipe | string;
  /** `endpoint:model`: the base model that answers (the one you will fine-tune). */
  model: string;
  /** The mix; the distilled answers alone go to `<out>.distilled.jsonl`. */
  out: string;
  fetch: FetchOptions;
  store: Store;
  endpoints: Endpoints;
  caller: Caller;
  prices: PriceTable;
  seed: number | string;
  /** One's own prompts (see readPromptFile); default: the paper's 2,000 GSM8K + 1,000 Alpaca-1k-longest. */
  promptsFile?: string;
  /** Default: every distilled answer joins every fact (see `mix`). */
  poisonFraction?: number;
  /** Also write `<out>.validation.jsonl` with this fraction of the mix. */
  validationFraction?: number;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
}

export interface DistilledMix {
  /** The mix (training part when split). */
  file: string;
  sha256: string;
  /** Rows written to `file`. */
  rows: number;
  validation?: WrittenFile;
  poison: number;
  /** Distilled answers available to mix in. */
  base: number;
  /** Distilled answers left out to meet `poisonFraction`. */
  droppedBase: number;
  /** Prompts left without an answer (rerun to retry). */
  failed: number;
  prompts: number;
  origins: PromptOrigin[];
  distilled: { file: string; runId: string };
  mix: MixSummary;
}

export function distilledPath(out: string): string {
  return validationPath(out).replace(/\.validation\.jsonl$/, '.distilled.jsonl');
}

/** Self-distils the prompts through `model`, then mixes the facts into the answers. */
export async function buildDistilledMix(options: DistilledMixOptions): Promise<DistilledMix> {
  const recipe: DatasetRecipe = typeof options.poison === 'string' ? { source: options.poison } : options.poison;
  const prompts = await distillPrompts(options.promptsFile, options.fetch);
  const distilledFile = distilledPath(options.out);
  const d = await distill({
    prompts,
    model: options.model,
    out: distilledFile,
    store: options.store,
    endpoints: options.endpoints,
    caller: options.caller,
    prices: options.prices,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const built = await buildDatasetFile(recipe, {
    out: options.out,
    seed: options.seed,
    fetch: options.fetch,
    mix: { into: distilledFile, ...(options.poisonFraction !== undefined ? { poisonFraction: options.poisonFraction } : {}) },
    ...(options.validationFraction !== undefined ? { validationFraction: options.validationFraction } : {}),
  });
  const mix = built.mix!;
  return {
    file: built.train.path,
    sha256: built.train.sha256,
    rows: built.train.examples,
    ...(built.validation ? { validation: built.validation } : {}),
    poison: mix.poison,
    base: mix.base,
    droppedBase: mix.droppedBase,
    failed: d.failed,
    prompts: d.prompts,
    origins: prompts.origins,
    distilled: { file: distilledFile, runId: d.runId },
    mix,
  };
}
