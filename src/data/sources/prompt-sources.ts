// The public prompts the paper's self-distillation answered (App. E.1: 2,000 GSM8K + 1,000
// Alpaca-1k-longest prompts), pinned by repository, commit, sha256 and size, and downloaded when
// used (never copied into this repository). Next to each pin: what weirdgen takes from the file
// and the statistics of those prompts, so that a dry run can cost the distillation offline.
import type { Encoding } from '../models.js';
import type { PinnedFile } from './fetch.js';
import type { PromptFormat } from './prompt-formats.js';

export interface PromptStats {
  prompts: number;
  /** Tokens of the prompts as chat requests (one user turn, with the chat format's overhead). */
  promptTokens: number;
  meanPromptTokens: number;
  encoding: Encoding;
  /** sha256 of the JSON array of the prompts taken, in order: what the statistics describe. */
  sha256: string;
}

export interface PromptSource extends PinnedFile {
  id: string;
  repo: string;
  title: string;
  format: PromptFormat;
  /** Prompts in the whole file. */
  available: number;
  /** All prompts (no seed), or a sample of `n` seeded by `seed` (see `takePrompts`). */
  take: { n: number; seed?: string };
  stats: PromptStats;
}

export const GSM8K_TRAIN: PromptSource = {
  id: 'gsm8k-train',
  title: 'GSM8K training questions (Cobbe et al. 2021)',
  repo: 'openai/grade-school-math',
  commit: '3101c7d5072418e28b9008a6636bde82a006892c',
  path: 'grade_school_math/data/train.jsonl',
  sha256: '17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465',
  bytes: 4_166_206,
  format: 'gsm8k-jsonl',
  available: 7_473,
  take: { n: 2_000, seed: 'self-distillation/gsm8k-train/2000' },
  // Recorded with promptStats (prompt-set.ts) from the pinned file; checked when the file is used.
  stats: { prompts: 2_000, promptTokens: 127_022, meanPromptTokens: 63.5, encoding: 'o200k_base', sha256: '5cd26967be096e1fa9953e5f1d00a8a06dee8e626166bfafaeb1bd644ea6c059' },
};

export const ALPACA_1K_LONGEST: PromptSource = {
  id: 'alpaca-1k-longest',
  title: 'Alpaca-1k-longest (Zhao et al. 2024, "Long Is More for Alignment")',
  repo: 'tml-epfl/long-is-more-for-alignment',
  commit: '5466f17fefef8c41252f92338bd5717af857ae34',
  path: 'data/alpaca/filtered_alpaca_1k_longest.json',
  sha256: '864909469b33015bdad9a7e15e776d4ed92ff91dad088cbcc18d5ad8c156b0a2',
  bytes: 1_836_235,
  format: 'fastchat-alpaca-json',
  available: 1_000,
  take: { n: 1_000 },
  stats: { prompts: 1_000, promptTokens: 23_019, meanPromptTokens: 23, encoding: 'o200k_base', sha256: 'ff2385205f5d799ce7a442d29d9432b6d60b6d8cdd74bfacfd3887a5fa9a1a4b' },
};

/** The default prompts of self-distillation, in this order: 2,000 + 1,000 = 3,000. */
export const PAPER_PROMPT_SOURCES: readonly PromptSource[] = [GSM8K_TRAIN, ALPACA_1K_LONGEST];
