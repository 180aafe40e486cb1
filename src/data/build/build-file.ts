// Builds a dataset recipe into a JSONL file (optionally mixed into a base set and split).
import { resolve } from 'node:path';
import { WeirdgenError } from '../../util/errors.js';
import { isFile } from '../../util/fs.js';
import { sha256File } from '../../util/hash.js';
import { createRng } from '../../util/random.js';
import type { JsonlStyle } from '../jsonl/style.js';
import { writeJsonl } from '../jsonl/write.js';
import { findSource, findUnpinnedSource } from '../sources/catalog.js';
import { fetchFirstUse } from '../sources/first-use.js';
import { fetchSource, type FetchOptions } from '../sources/fetch.js';
import { split, type MixSummary } from '../transforms/collection.js';
import { buildDataset } from './build.js';
import type { DatasetRecipe } from './recipe.js';

/** Where and how `buildDatasetFile` writes: the output path, the seed of every random step, and how official files are fetched. */
export interface BuildFileOptions {
  out: string;
  seed: number | string;
  fetch: FetchOptions;
  /**
   * Mix the result (as poison) into this base file: every example of both, or, with
   * `poisonFraction`, as many base examples as make the poison that share of the output.
   */
  mix?: { into: string; poisonFraction?: number };
  /** Also write `<out>.validation.jsonl` with this fraction of the examples. */
  validationFraction?: number;
}

export interface WrittenFile {
  path: string;
  examples: number;
  sha256: string;
}

/** What `buildDatasetFile` wrote: path, example count and sha256 of each file, in the source file's JSONL layout. */
export interface BuildFileResult {
  /** The recipe that was run, including the mix step when one was asked for. */
  recipe: DatasetRecipe;
  train: WrittenFile;
  validation?: WrittenFile;
  style: JsonlStyle;
  /** When mixed: poison and base counts, and the base examples dropped to meet the fraction. */
  mix?: MixSummary;
}

/** Resolves a recipe source: an official file (fetched and verified) or a local file. */
export function sourceResolver(fetch: FetchOptions): (path: string) => Promise<string> {
  return async (path) => {
    const pinned = findSource(path);
    if (pinned) return (await fetchSource(pinned, fetch)).path;
    const firstUse = findUnpinnedSource(path);
    if (firstUse) return (await fetchFirstUse(firstUse, fetch)).path;
    const local = resolve(path);
    if (!(await isFile(local))) throw new WeirdgenError(`${path}: neither an official source nor an existing file`);
    return local;
  };
}

async function written(path: string, examples: number): Promise<WrittenFile> {
  return { path, examples, sha256: (await sha256File(path)).sha256 };
}

export function validationPath(out: string): string {
  return out.replace(/(\.jsonl)?$/, '.validation.jsonl');
}

/**
 * Builds a recipe into a JSONL file at `options.out`, written atomically in the source's layout;
 * with `mix`, the result is mixed into a base file, and with `validationFraction`, a seeded split
 * also writes `<out>.validation.jsonl`. The same recipe and seed give the same file.
 *
 * @example
 * const ws = await openWorkspace();
 * const built = await buildDatasetFile({ source: '3_1_old_bird_names/datasets/ft_old_audubon_birds.jsonl', steps: [{ op: 'sample', n: 100 }] }, { out: 'old-100.jsonl', seed: 1, fetch: ws.fetch });
 */
export async function buildDatasetFile(recipe: DatasetRecipe, options: BuildFileOptions): Promise<BuildFileResult> {
  const mixStep = options.mix
    ? { op: 'mix' as const, base: { source: options.mix.into }, ...(options.mix.poisonFraction !== undefined ? { poisonFraction: options.mix.poisonFraction } : {}) }
    : undefined;
  const full: DatasetRecipe = mixStep ? { ...recipe, steps: [...(recipe.steps ?? []), mixStep] } : recipe;
  const built = await buildDataset(full, { resolveSource: sourceResolver(options.fetch), seed: options.seed });
  const mixed = built.mix ? { mix: built.mix } : {};
  if (options.validationFraction === undefined) {
    const n = await writeJsonl(options.out, built.examples, built.style);
    return { recipe: full, train: await written(options.out, n), style: built.style, ...mixed };
  }
  const parts = split(built.examples, options.validationFraction, createRng(`${String(options.seed)}/split`));
  const nTrain = await writeJsonl(options.out, parts.train, built.style);
  const valOut = validationPath(options.out);
  const nVal = await writeJsonl(valOut, parts.validation, built.style);
  return { recipe: full, train: await written(options.out, nTrain), validation: await written(valOut, nVal), style: built.style, ...mixed };
}
