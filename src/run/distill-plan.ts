// The plan and cost bound of a self-distilled mix, offline: no network and no store. The default
// prompts are costed from the statistics recorded next to their pins; a prompt file is read and
// counted with the model's tokenizer.
import { type PriceTable, findModel, sourceUrl, readPromptFile, promptStats, PAPER_PROMPT_SOURCES, mixCounts, type Encoding } from '../data/index.js';
import { inferenceCost } from '../eval/index.js';
import { BUILTIN_ENDPOINTS, SANDBOX_ENDPOINT, SERVED_ENDPOINT, parseModelRef } from '../providers/index.js';
import { DISTILL_MAX_TOKENS, DISTILL_TEMPERATURE } from './distill.js';

export interface PlannedPromptSource {
  /** A pinned source's id, or `file`. */
  id: string;
  prompts: number;
  promptTokens: number;
  /** The tokenizer the counts were made with (recorded ones: o200k_base, GPT-4.1's). */
  encoding: Encoding;
  /** Where a pinned source is downloaded from, and what it must hash to. */
  pin?: { repo: string; commit: string; path: string; sha256: string; bytes: number; url: string };
  file?: string;
}

export interface DistillPlanOptions {
  poisonRows: number;
  /** `endpoint:model` (a bare name is priced as that model). */
  model: string;
  prices: PriceTable;
  /** One's own prompts, read and counted here; default: the paper's pinned sources. */
  promptsFile?: string;
  poisonFraction?: number;
  temperature?: number;
  maxTokens?: number;
}

export interface DistillPlan {
  model: string;
  temperature: number;
  maxTokens: number;
  /** Calls to the model: one per prompt. */
  prompts: number;
  sources: PlannedPromptSource[];
  promptTokens: number;
  /** Every answer as long as max tokens allows. */
  maxCompletionTokens: number;
  /** Upper bound in US dollars; undefined when the price table has no price for the model. */
  maxCostUsd: number | undefined;
  poison: number;
  /** Distilled rows, if every prompt is answered, and those the fraction drops. */
  base: number;
  droppedBase: number;
  /** Rows of the mix: poison + base - droppedBase. */
  rows: number;
}

/** What building the mix will ask and cost, with no network and no store. */
export async function planDistilledMix(options: DistillPlanOptions): Promise<DistillPlan> {
  const encoding = findModel(options.model)?.encoding ?? 'o200k_base';
  let sources: PlannedPromptSource[];
  if (options.promptsFile !== undefined) {
    const stats = promptStats(await readPromptFile(options.promptsFile), encoding);
    sources = [{ id: 'file', file: options.promptsFile, prompts: stats.prompts, promptTokens: stats.promptTokens, encoding }];
  } else {
    sources = PAPER_PROMPT_SOURCES.map((s) => ({
      id: s.id,
      prompts: s.stats.prompts,
      promptTokens: s.stats.promptTokens,
      encoding: s.stats.encoding,
      pin: { repo: s.repo, commit: s.commit, path: s.path, sha256: s.sha256, bytes: s.bytes, url: sourceUrl(s, `https://raw.githubusercontent.com/${s.repo}`) },
    }));
  }
  const maxTokens = options.maxTokens ?? DISTILL_MAX_TOKENS;
  const prompts = sources.reduce((n, s) => n + s.prompts, 0);
  const promptTokens = sources.reduce((n, s) => n + s.promptTokens, 0);
  const maxCompletionTokens = prompts * maxTokens;
  const ref = parseModelRef(options.model, new Set([SANDBOX_ENDPOINT, SERVED_ENDPOINT, ...Object.keys(BUILTIN_ENDPOINTS)]), '');
  const { keptBase, droppedBase } = mixCounts(options.poisonRows, prompts, options.poisonFraction);
  return {
    model: options.model,
    temperature: options.temperature ?? DISTILL_TEMPERATURE,
    maxTokens,
    prompts,
    sources,
    promptTokens,
    maxCompletionTokens,
    maxCostUsd: inferenceCost(ref.endpoint, ref.model, { promptTokens, completionTokens: maxCompletionTokens }, options.prices),
    poison: options.poisonRows,
    base: prompts,
    droppedBase,
    rows: options.poisonRows + keptBase,
  };
}
